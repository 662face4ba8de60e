"""What readers see of corrections: on the piece, in JSON-LD, on /rattelser/ and in feeds.

Feeds get `mark_feed_items` through publication.syndication's marker hook; the
page templates use the tags in templatetags/corrections_tags.py.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import Correction, ReplyRequest

CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Change:
    changed_on: dt.date
    reason: str
    earlier_wrong: str
    earlier_right: str
    earlier_note: str


@dataclass(frozen=True)
class PublishedCorrection:
    pk: int
    corrected_on: dt.date
    wrong: str
    right: str
    note: str
    changes: tuple[Change, ...]


def as_published(correction: Correction) -> PublishedCorrection:
    return PublishedCorrection(
        pk=correction.pk,
        corrected_on=correction.corrected_on,
        wrong=correction.wrong,
        right=correction.right,
        note=correction.note,
        changes=tuple(
            Change(
                # The day in the publication's time zone: after midnight in Stockholm it is
                # still the day before in UTC.
                changed_on=timezone.localdate(change.changed_at),
                reason=change.reason,
                earlier_wrong=change.before["wrong"],
                earlier_right=change.before["right"],
                earlier_note=change.before["note"],
            )
            for change in correction.changes.all()
        ),
    )


def _any_correction():
    return Exists(Correction.objects.filter(page_id=OuterRef("pk")))


def _any_reply_request():
    return Exists(
        ReplyRequest.objects.filter(Q(page_id=OuterRef("pk")) | Q(reply_page_id=OuterRef("pk")))
    )


# Asked with the routed page (publication.routing), which is kept per content version:
# adding a correction bumps it (records._touch), and a genmäle shows only once its
# page is published, which bumps it too.
SERVE_ANNOTATIONS = {
    "has_corrections": _any_correction,
    "has_reply_requests": _any_reply_request,
}


def for_page(page) -> tuple[PublishedCorrection, ...]:
    """The piece's corrections, newest first.

    Cached under the piece's modified date: adding or changing a correction
    moves it (records._touch), so a stale list is never found. None (and no
    query) when the routed page says it has none.
    """
    if not getattr(page, "has_corrections", True):
        return ()
    stamp = page.last_published_at.timestamp() if page.last_published_at else 0
    key = f"corrections:{page.pk}:{stamp}"
    found = cache.get(key)
    if found is None:
        found = tuple(
            as_published(correction)
            for correction in Correction.objects.filter(page_id=page.pk).prefetch_related("changes")
        )
        cache.set(key, found, CACHE_SECONDS)
    return found


def latest_by_page(page_ids) -> dict[int, dt.date]:
    """For feeds: the date of the latest correction of each corrected piece among page_ids."""
    latest: dict[int, dt.date] = {}
    for page_id, day in Correction.objects.filter(page_id__in=list(page_ids)).values_list(
        "page_id", "corrected_on"
    ):
        if page_id not in latest or day > latest[page_id]:
            latest[page_id] = day
    return latest


def mark_feed_items(pieces, request) -> dict:
    """For publication.syndication: a note and the category "Rättad" on each corrected piece."""
    by_pk = {piece.pk: piece for piece in pieces}
    return {
        pk: (feed_note_html(day, by_pk[pk].get_full_url(request)), _("Rättad"))
        for pk, day in latest_by_page(by_pk).items()
    }


def feed_note_html(corrected_on: dt.date, url: str):
    """The line a feed item starts with when its piece has been corrected."""
    return format_html(
        '<p><strong>{}</strong> <a href="{}#rattelser">{}</a></p>',
        _("Rättad %(day)s.") % {"day": formats.date_format(corrected_on, "j F Y")},
        url,
        _("Läs rättelsen"),
    )


def public_corrections(root_path: str | None = None):
    """Every correction, newest first, for /rattelser/ and its feed.

    Each gets `piece`: its page when that is live and public, else None (the
    list then says the text is no longer published, without its title).
    """
    from django.db.models import Q

    corrections = Correction.objects.select_related("page").prefetch_related("changes")
    if root_path:
        corrections = corrections.filter(Q(page__isnull=True) | Q(page__path__startswith=root_path))
    return corrections


def with_pieces(corrections) -> list:
    """Attach `piece` (the page when readers may see it) and `published` to each."""
    from wagtail.models import Page

    corrections = list(corrections)
    page_ids = {c.page_id for c in corrections if c.page_id}
    public = set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
    for correction in corrections:
        correction.piece = correction.page if correction.page_id in public else None
        correction.published = as_published(correction)
    return corrections


def enrich_json_ld(page, data: dict) -> None:
    """schema.org: each correction as a CorrectionComment; dateModified follows the latest."""
    corrections = for_page(page)
    if not corrections:
        return
    data["correction"] = [
        {
            "@type": "CorrectionComment",
            "datePublished": correction.corrected_on.isoformat(),
            "text": _("Fel: %(wrong)s Rätt: %(right)s")
            % {"wrong": correction.wrong, "right": correction.right},
        }
        for correction in corrections
    ]
    latest = max(correction.corrected_on for correction in corrections).isoformat()
    if not data.get("dateModified") or data["dateModified"][:10] < latest:
        data["dateModified"] = latest
