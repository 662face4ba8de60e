"""Podcast feeds: RSS 2.0 with Apple's itunes: tags and the Podcasting 2.0 namespace.

`build_feed(show, items, ...)` writes one feed from plain `FeedItem`s, so the public
feed (`public_feed_response`: the same for everyone; free episodes with enclosures,
the others with the teaser and no enclosure) and a subscriber's private feed
(`private_feed.py`) share one writer. GUIDs are the episodes' stored UUIDs.
"""

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _

from utgivare.media import signing
from utgivare.media.addresses import fill, signed_path
from utgivare.paywall import gate
from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings
from utgivare.publication.feed_html import body_html, item_html

from .chapters import is_webvtt

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("itunes", ITUNES)
ET.register_namespace("podcast", PODCAST)
ET.register_namespace("content", CONTENT)
ET.register_namespace("atom", ATOM)

FEED_MAX_AGE = 300


@dataclass
class Enclosure:
    url: str
    length: int
    mime_type: str
    duration_seconds: float


@dataclass
class FeedItem:
    guid: str
    title: str
    link: str
    description_html: str
    date: dt.datetime
    enclosure: Enclosure | None = None
    episode_number: int | None = None
    season_number: int | None = None
    explicit: bool = False
    image_url: str = ""
    transcript: tuple[str, str] | None = None  # (url, type)
    chapters_url: str = ""
    extra: dict = field(default_factory=dict)


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = str(text)
    return element


def _image_url(request, image) -> str:
    # The original file, not a rendition: a rendition lookup per item would cost a query.
    return request.build_absolute_uri(image.file.url) if image is not None else ""


def build_feed(*, show, request, title, feed_url, items, locked: bool) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    show_url = show.get_full_url(request)
    _sub(channel, "title", title)
    _sub(channel, "link", show_url)
    _sub(channel, "description", show.description)
    _sub(channel, "language", "sv")
    _sub(channel, "generator", "Utgivare")
    _sub(channel, f"{{{ATOM}}}link", href=feed_url, rel="self", type="application/rss+xml")
    _sub(channel, f"{{{ITUNES}}}author", show.author_name or show.title)
    _sub(channel, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    _sub(channel, f"{{{ITUNES}}}type", "episodic")
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": show.category or "News"})
    cover = _image_url(request, show.cover)
    if cover:
        _sub(channel, f"{{{ITUNES}}}image", href=cover)
        image = _sub(channel, "image")
        _sub(image, "url", cover)
        _sub(image, "title", title)
        _sub(image, "link", show_url)
    _sub(channel, f"{{{PODCAST}}}guid", str(show.show_guid))
    _sub(channel, f"{{{PODCAST}}}locked", "yes" if locked else "no")
    for item in items:
        entry = _sub(channel, "item")
        _sub(entry, "title", item.title)
        _sub(entry, f"{{{ITUNES}}}title", item.title)
        _sub(entry, "link", item.link)
        _sub(entry, "guid", item.guid, isPermaLink="false")
        _sub(entry, "pubDate", format_datetime(item.date))
        _sub(entry, "description", item.description_html)
        _sub(entry, f"{{{CONTENT}}}encoded", item.description_html)
        _sub(entry, f"{{{ITUNES}}}explicit", "true" if item.explicit else "false")
        if item.episode_number:
            _sub(entry, f"{{{ITUNES}}}episode", item.episode_number)
            _sub(entry, f"{{{PODCAST}}}episode", item.episode_number)
        if item.season_number:
            _sub(entry, f"{{{ITUNES}}}season", item.season_number)
            _sub(entry, f"{{{PODCAST}}}season", item.season_number)
        if item.image_url:
            _sub(entry, f"{{{ITUNES}}}image", href=item.image_url)
        if item.enclosure:
            _sub(
                entry,
                "enclosure",
                url=item.enclosure.url,
                length=item.enclosure.length,
                type=item.enclosure.mime_type,
            )
            _sub(entry, f"{{{ITUNES}}}duration", round(item.enclosure.duration_seconds))
        if item.transcript:
            url, kind = item.transcript
            _sub(entry, f"{{{PODCAST}}}transcript", url=url, type=kind, language="sv")
        if item.chapters_url:
            _sub(
                entry,
                f"{{{PODCAST}}}chapters",
                url=item.chapters_url,
                type="application/json+chapters",
            )
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def episode_item(episode, request, *, subject, expires, full: bool, paywall_settings) -> FeedItem:
    """One episode as a feed item. `full`: the reader may hear it (enclosure, whole show
    notes, transcript); otherwise the lead, the teaser and a link to the page."""
    url = episode.get_full_url(request)
    if full:
        description = item_html_full(episode, request)
    else:
        description = item_html(
            episode,
            paywall_settings,
            url=url,
            read_on=_("Lyssna på webbplatsen med en prenumeration"),
            request=request,
        )
    item = FeedItem(
        guid=str(episode.episode_guid),
        title=episode.title,
        link=url,
        description_html=str(description),
        date=episode.date,
        episode_number=episode.episode_number,
        season_number=episode.season_number,
        explicit=episode.explicit,
        image_url=_image_url(request, episode.cover),
        chapters_url=request.build_absolute_uri(fill("podcasts:chapters", episode_id=episode.pk))
        if episode.chapters.strip()
        else "",
    )
    if full and episode.audio_id:
        audio = episode.audio
        item.enclosure = Enclosure(
            url=request.build_absolute_uri(signed_path(audio, subject, expires, episode.slug)),
            length=audio.size,
            mime_type=audio.mime_type,
            duration_seconds=audio.duration_seconds,
        )
        if episode.transcript.strip():
            token = signing.sign(audio.pk, subject, expires)
            item.transcript = (
                request.build_absolute_uri(fill("podcasts:transcript", token=token)),
                "text/vtt" if is_webvtt(episode.transcript) else "text/plain",
            )
    return item


def item_html_full(episode, request):
    return format_html(
        "<p><strong>{}</strong></p>{}", episode.lead, body_html(list(episode.body), request)
    )


def public_feed_items(show, request) -> list[FeedItem]:
    paywall_settings = PaywallSettings.for_request(request)
    items = []
    for episode in show.episodes():
        free = gate.piece_level(episode, paywall_settings) == AccessLevel.FREE
        items.append(
            episode_item(
                episode,
                request,
                subject="p",
                expires=None,
                full=free,
                paywall_settings=paywall_settings,
            )
        )
    return items


def rss_response(body: bytes) -> HttpResponse:
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")


def public_feed_response(show, request) -> HttpResponse:
    feed_url = request.build_absolute_uri(show.feed_url())
    body = build_feed(
        show=show,
        request=request,
        title=show.title,
        feed_url=feed_url,
        items=public_feed_items(show, request),
        locked=False,
    )
    response = rss_response(body)
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response
