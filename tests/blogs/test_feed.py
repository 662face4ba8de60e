"""A blog's RSS feed is the same for every reader: free posts whole, the others teased.

The decision is the paywall's (gate.public_variant); these tests reach it through the
post's own access level and the site's paywall settings, as an editor sets them.
"""

from xml.etree import ElementTree

import pytest

from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings

from .factories import BlogPostPageFactory, post_body

BODY = post_body(("Del ett", "Första stycket."), ("Del två", "Hemliga andra stycket."))


def feed_items(client, blog) -> dict[str, str]:
    """Each item's title and description, from the feed as a feed reader gets it."""
    response = client.get(blog.url + "flode/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
    return {item.findtext("title"): item.findtext("description") for item in channel.iter("item")}


def test_feed_lists_posts_with_full_text_when_free(client, blog):
    BlogPostPageFactory(parent=blog, title="Fritt inlägg", access_level=AccessLevel.FREE, body=BODY)
    description = feed_items(client, blog)["Fritt inlägg"]
    assert "Första stycket." in description
    assert "Hemliga andra stycket." in description
    assert "Läs hela inlägget" not in description


@pytest.mark.parametrize("level", [AccessLevel.METERED, AccessLevel.SUBSCRIBERS])
def test_feed_carries_only_lead_and_first_paragraph_of_paywalled_posts(client, blog, level):
    # Metered too: a feed reader has no meter, so the free reads stay on the website.
    BlogPostPageFactory(parent=blog, title="Låst inlägg", access_level=level, body=BODY)
    description = feed_items(client, blog)["Låst inlägg"]
    assert "Vad visste kommunstyrelsens ordförande" in description  # the lead
    assert "Första stycket." in description
    assert "Hemliga andra stycket." not in description
    assert "Läs hela inlägget" in description


def test_feed_follows_the_sites_default_level_for_blog_posts(client, blog, tree):
    BlogPostPageFactory(parent=blog, title="Standardinlägg", body=BODY)
    BlogPostPageFactory(
        parent=blog, title="Prenumerantinlägg", access_level=AccessLevel.SUBSCRIBERS, body=BODY
    )
    assert "Hemliga andra stycket." not in feed_items(client, blog)["Standardinlägg"]

    PaywallSettings.objects.update_or_create(
        site=tree["site"], defaults={"blog_post_level": AccessLevel.FREE}
    )
    items = feed_items(client, blog)
    assert "Hemliga andra stycket." in items["Standardinlägg"]
    assert "Hemliga andra stycket." not in items["Prenumerantinlägg"]


def test_blog_page_advertises_its_feed(client, blog):
    html = client.get(blog.url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert blog.url + "flode/" in html
