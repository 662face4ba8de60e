"""Adding and changing corrections: plain functions, every change recorded.

Adding or changing a correction moves the piece's modified date
(`last_published_at`), which the page, its JSON-LD, the feeds and the
sitemap already show, and which keys the cached corrections (published.py).
"""

from django.db import transaction
from wagtail.models import Page

from utgivare.core import content_version, page_cache

from .models import Correction, CorrectionChange

FIELDS = ("corrected_on", "wrong", "right", "note")


def _wording(correction: Correction) -> dict:
    return {
        "corrected_on": correction.corrected_on.isoformat(),
        "wrong": correction.wrong,
        "right": correction.right,
        "note": correction.note,
    }


def _touch(page_id: int, now) -> None:
    Page.objects.filter(pk=page_id).update(last_published_at=now)
    # A queryset update sends no signal: drop the cached page, the lists that show it
    # and the cached feeds ourselves, in the same transaction.
    page_cache.page_id_changed(page_id)
    content_version.bump()


@transaction.atomic
def add(page, *, corrected_on, wrong, right, note, user, now) -> Correction:
    correction = Correction.objects.create(
        page=page,
        corrected_on=corrected_on,
        wrong=wrong,
        right=right,
        note=note,
        created_by=user,
    )
    _touch(page.pk, now)
    return correction


@transaction.atomic
def change(correction: Correction, *, reason: str, user, now, **wording) -> bool:
    """Apply the new wording; returns False (and records nothing) when nothing changed."""
    before = _wording(correction)
    for name in FIELDS:
        setattr(correction, name, wording[name])
    after = _wording(correction)
    if after == before:
        return False
    correction.save(update_fields=list(FIELDS))
    CorrectionChange.objects.create(
        correction=correction,
        changed_at=now,
        changed_by=user,
        user_label=user.get_username() if user is not None else "",
        reason=reason,
        before=before,
        after=after,
    )
    _touch(correction.page_id, now)
    return True
