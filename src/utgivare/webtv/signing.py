"""Signed, expiring addresses for a paid video's files.

A token `<reader>.<expires>.<signature>` sits in the path
(`/videofiler/<page id>/<token>/<file>`), so an HLS playlist's relative
segment addresses inherit it and need no rewriting. The signature (HMAC of
SECRET_KEY under its own salt) covers the page, the reader and the expiry
time: a copied address works for anyone only until it expires, and changing
any part of it breaks the signature. Pure functions; the caller passes `now`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "utgivare.webtv.media"
FREE_TOKEN = "fri"  # free videos: the same address for everyone, no expiry
MIN_LIFETIME_SECONDS = 2 * 3600
_TOKEN = re.compile(r"^(\d{1,12})\.(\d{1,12})\.([0-9a-f]{32})$")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str  # "ok", "free", "malformed", "bad_signature", "expired"
    expires: int = 0


def lifetime_seconds(duration: float) -> int:
    """Long enough to watch the whole video, paused a while, from the page's load."""
    return MIN_LIFETIME_SECONDS + 2 * int(duration)


def _signature(page_id: int, reader: int, expires: int) -> str:
    return salted_hmac(SALT, f"{page_id}:{reader}:{expires}", algorithm="sha256").hexdigest()[:32]


def make_token(page_id: int, reader: int, now: float, duration: float = 0) -> str:
    """A token for `reader` (user id, 0 for anonymous) valid from `now` (Unix time)."""
    expires = int(now) + lifetime_seconds(duration)
    return f"{reader}.{expires}.{_signature(page_id, reader, expires)}"


def check_token(page_id: int, token: str, now: float) -> Verdict:
    if token == FREE_TOKEN:
        return Verdict(True, "free")
    match = _TOKEN.match(token or "")
    if not match:
        return Verdict(False, "malformed")
    reader, expires, signature = int(match.group(1)), int(match.group(2)), match.group(3)
    if not constant_time_compare(signature, _signature(page_id, reader, expires)):
        return Verdict(False, "bad_signature")
    if expires <= now:
        return Verdict(False, "expired", expires)
    return Verdict(True, "ok", expires)
