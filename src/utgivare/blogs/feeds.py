"""A blog's own RSS feed.

A feed is the same for every reader, so it asks paywall.gate.public_variant:
"full" posts carry the whole body, the others only the ingress and the
first paragraph, with a link to read on.
"""

from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from utgivare.paywall import gate
from utgivare.paywall.models import PaywallSettings

from .models import FEED_ITEMS


def block_html(block) -> str:
    """Plain, self-contained HTML for one body block (no site CSS in a feed reader)."""
    value = block.value
    kind = block.block_type
    if kind == "heading":
        return format_html("<h2>{}</h2>", value)
    if kind == "paragraph":
        # Wagtail rich text, stored sanitised by the editor's feature whitelist.
        return expand_db_html(value.source)
    if kind == "quote":
        attribution = (
            format_html("<footer>{}</footer>", value["attribution"]) if value["attribution"] else ""
        )
        text = "<br>".join(escape(line) for line in value["text"].splitlines())
        return f"<blockquote><p>{text}</p>{attribution}</blockquote>"
    if kind == "list":
        tag = "ol" if value["ordered"] else "ul"
        items = format_html_join("", "<li>{}</li>", ((item,) for item in value["items"]))
        return f"<{tag}>{items}</{tag}>"
    return ""


def item_html(post, variant: str, url: str) -> str:
    parts = [format_html("<p><strong>{}</strong></p>", post.ingress)]
    blocks = post.body if variant == "full" else post.teaser_blocks()
    parts.extend(block_html(block) for block in blocks)
    if variant != "full":
        parts.append(
            format_html('<p><a href="{}">{}</a></p>', url, _("Läs hela inlägget på webbplatsen"))
        )
    return "".join(parts)


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
    for post in blog.posts()[:FEED_ITEMS]:
        url = post.get_full_url(request)
        feed.add_item(
            title=post.title,
            link=url,
            description=item_html(post, gate.public_variant(post, paywall_settings), url),
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=post.date,
            author_name=owner_name or None,
        )
    return feed
