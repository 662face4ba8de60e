"""A blog's own RSS feed, /bloggar/<blog>/flode/.

A feed is the same for every reader: each post carries what
paywall.gate.public_blocks allows (publication.feed_html renders it), so
"full" posts carry the whole body and the others the lead and the first
paragraph, with a link to read on. Takes a BlogPage; imports no model, so
blogs.models can import it.
"""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from utgivare.corrections.published import feed_note_html, latest_by_page
from utgivare.paywall.models import PaywallSettings
from utgivare.publication.feed_html import item_html

FEED_ITEMS = 20
# Shared caches may keep a feed this long: it holds nothing personal.
FEED_MAX_AGE = 300


def blog_feed(blog, request) -> Rss201rev2Feed:
    blog_url = blog.get_full_url(request)
    owner_name = blog.writer.title if blog.writer_id else ""
    feed = Rss201rev2Feed(
        title=blog.title,
        link=blog_url,
        description=blog.tagline or blog.title,
        language="sv",
        author_name=owner_name or None,
        feed_url=blog_url.rstrip("/") + "/" + blog.reverse_subpage("feed"),
    )
    # One settings lookup for the whole feed, not one per item.
    paywall_settings = PaywallSettings.for_request(request)
    read_on = _("Läs hela inlägget på webbplatsen")
    posts = list(blog.posts()[:FEED_ITEMS])
    corrected = latest_by_page(post.pk for post in posts)
    for post in posts:
        url = post.get_full_url(request)
        description = item_html(post, paywall_settings, url=url, read_on=read_on, request=request)
        if post.pk in corrected:
            description = feed_note_html(corrected[post.pk], url) + description
        feed.add_item(
            title=post.title,
            link=url,
            description=description,
            categories=[_("Rättad")] if post.pk in corrected else None,
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=post.date,
            author_name=owner_name or None,
        )
    return feed


def feed_response(blog, request) -> HttpResponse:
    feed = blog_feed(blog, request)
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response
