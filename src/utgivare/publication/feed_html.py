"""The HTML a feed item carries for a readable piece: one renderer for every feed.

Feeds are the same for every reader, so an item holds only what
`paywall.gate.public_blocks` allows (the whole body of a free piece; the first
paragraph of a metered or paid one, with a link to read on). Blocks render
through their own templates, as on the page.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from utgivare.paywall import gate

from .video_embeds import video_for

# Renditions would need absolute URLs and sizes per feed reader: pictures stay on the site.
LEFT_OUT_OF_FEEDS = frozenset({"image"})


def video_link(value) -> SafeString:
    """A video as a link: a feed reader (or an API client) loads no player for its reader."""
    video = video_for(value.get("url") or "")
    if video is None:
        return mark_safe("")  # noqa: S308
    label = _("Se videon på %(provider)s") % {"provider": video.provider}
    caption = value.get("caption") or ""
    return format_html(
        '<p>{}<a href="{}">{}</a></p>', f"{caption} " if caption else "", video.watch_url, label
    )


def body_html(blocks, request=None) -> SafeString:
    """The given body blocks as HTML, each through its own block template."""
    context = {"request": request}
    parts = (
        video_link(block.value) if block.block_type == "video" else str(block.render(context))
        for block in blocks
        if block.block_type not in LEFT_OUT_OF_FEEDS
    )
    # mark_safe: rendered by our own block templates, which escape what editors typed.
    return mark_safe("".join(parts))  # noqa: S308


def item_html(piece, paywall_settings, *, url: str, read_on: str, request=None) -> SafeString:
    """Lead, what everyone may read of the body, and for a teaser a link to read on."""
    blocks = gate.public_blocks(piece, paywall_settings)
    html = format_html("<p><strong>{}</strong></p>{}", piece.lead, body_html(blocks, request))
    if gate.public_variant(piece, paywall_settings) != "full":
        html += format_html('<p><a href="{}">{}</a></p>', url, read_on)
    return html
