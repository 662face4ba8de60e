"""One way to write a feed of pieces, RSS 2.0 or Atom, for every feed of the site.

The site's feeds (`feeds` app: the whole site, a section, a writer, an issue)
and a blog's own feed (`blogs.feeds`) describe themselves with a `FeedInfo`,
list their pieces, and leave the rest here: the items' HTML (`feed_html`,
what `paywall.gate.public_blocks` allows: the whole body of a free piece, the
lead and first paragraph of the others), GUIDs, dates, and a response that
shared caches may keep, built once per content version.

GUIDs are `urn:uuid:` + the page's `translation_key`: a UUID Wagtail gives
every page when it is created, which stays when the page is edited, renamed or
moved (a copied page gets a new one). So a feed reader never shows a piece
twice because its address changed.
"""

import dataclasses
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from utgivare.core import content_version
from utgivare.paywall.models import PaywallSettings

from .feed_html import item_html

RSS = "rss"
ATOM = "atom"
FEED_CLASSES = {RSS: Rss201rev2Feed, ATOM: Atom1Feed}
FEED_ITEMS = 30
# Shared caches may keep a feed this long: it holds nothing personal.
FEED_MAX_AGE = 300


# Apps above this one mark feed items (corrections: "Rättad" and a note first).
_item_markers = []


def register_item_marker(mark) -> None:
    """`mark(pieces, request)` returns `{page id: (note_html, category)}` for the
    pieces it marks; the note goes before the item's text, the category beside it."""
    if mark not in _item_markers:
        _item_markers.append(mark)


@dataclasses.dataclass(frozen=True)
class FeedInfo:
    title: str
    link: str  # the page the feed follows (absolute)
    description: str
    feed_url: str  # the feed's own address (absolute)
    author_name: str | None = None


def piece_guid(piece) -> str:
    """The item's id for feed readers: the same however the piece is edited or moved."""
    return f"urn:uuid:{piece.translation_key}"


def piece_date(piece):
    """When the piece came out: a blog post's own date, else its first publication."""
    return getattr(piece, "date", None) or piece.first_published_at


def piece_author_name(piece) -> str | None:
    author = piece.author if piece.author_id else None
    return author.title if author is not None else None


def newest_first(*lists: Iterable, limit: int = FEED_ITEMS) -> list:
    """Several lists of pieces as one, newest first (by `piece_date`), at most `limit`."""
    merged = [piece for pieces in lists for piece in pieces]
    merged.sort(key=lambda piece: (piece_date(piece), piece.pk), reverse=True)
    return merged[:limit]


def build_feed(info: FeedInfo, pieces, request, kind: str = RSS):
    feed = FEED_CLASSES[kind](
        title=info.title,
        link=info.link,
        description=info.description,
        language="sv",
        author_name=info.author_name,
        feed_url=info.feed_url,
    )
    # One settings lookup for the whole feed, not one per item.
    paywall_settings = PaywallSettings.for_request(request)
    pieces = list(pieces)
    marks = {}
    for mark in _item_markers:
        marks.update(mark(pieces, request))
    for piece in pieces:
        url = piece.get_full_url(request)
        read_on = (
            _("Läs hela inlägget på webbplatsen")
            if piece.paywall_content_type == "blog_post"
            else _("Läs hela artikeln på webbplatsen")
        )
        published = piece_date(piece)
        note, category = marks.get(piece.pk, ("", None))
        feed.add_item(
            title=piece.title,
            link=url,
            description=note
            + item_html(piece, paywall_settings, url=url, read_on=read_on, request=request),
            categories=[category] if category else None,
            unique_id=piece_guid(piece),
            unique_id_is_permalink=False,
            pubdate=published,
            updateddate=max(published, piece.last_published_at or published),
            author_name=piece_author_name(piece),
        )
    return feed


def feed_response(request, key: str, describe, kind: str = RSS) -> HttpResponse:
    """The feed as a response shared caches may keep.

    `describe()` returns `(FeedInfo, pieces)`; it runs once per content version
    (every publish, unpublish, move or settings change makes a new one), host,
    language and format, and the written feed is kept in the cache.
    """

    def build():
        info, pieces = describe()
        feed = build_feed(info, pieces, request, kind)
        return (feed.content_type, feed.writeString("utf-8"))

    cache_key = f"feed:{kind}:{request.get_host()}:{get_language()}:{key}"
    content_type, body = content_version.cached(request, cache_key, build)
    response = HttpResponse(body, content_type=content_type)
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response
