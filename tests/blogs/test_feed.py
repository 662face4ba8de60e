from unittest import mock

from utgivare.paywall.levels import AccessLevel

from .factories import BlogPostPageFactory, post_body


def test_feed_lists_posts_with_full_text_when_free(client, blog):
    BlogPostPageFactory(
        parent=blog,
        title="Fritt inlägg",
        access_level=AccessLevel.FREE,
        body=post_body(("Del ett", "Första stycket."), ("Del två", "Hemliga andra stycket.")),
    )
    response = client.get(blog.url + "flode/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "<title>Fritt inlägg</title>" in xml
    assert "Hemliga andra stycket." in xml


def test_feed_carries_only_ingress_and_first_paragraph_of_paywalled_posts(client, blog):
    BlogPostPageFactory(
        parent=blog,
        title="Låst inlägg",
        access_level=AccessLevel.SUBSCRIBERS,
        body=post_body(("Del ett", "Första stycket."), ("Del två", "Hemliga andra stycket.")),
    )
    with mock.patch("utgivare.blogs.feeds.gate.public_variant", return_value="teaser"):
        xml = client.get(blog.url + "flode/").content.decode()
    assert "Första stycket." in xml
    assert "Hemliga andra stycket." not in xml
    assert "Läs hela inlägget" in xml


def test_blog_page_advertises_its_feed(client, blog):
    html = client.get(blog.url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert blog.url + "flode/" in html
