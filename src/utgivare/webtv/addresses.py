"""Signed addresses of a video page's files, on media's signing rule.

A token (media.signing, under web-TV's own salt, over the *page* id) sits in
the path: `/videofiler/<token>/video.mp4`, `/videofiler/<token>/hls/master.m3u8`.
An HLS playlist's relative segment addresses inherit it, so playlists need no
rewriting, and one token opens exactly one page's original, renditions and
captions. The subject says who it was handed to (media.signing): "p" a free
video (no expiry: the same address for everyone), "u<id>" a subscriber or
editor, "m" a reader let in on the monthly meter. The fetch decides again
(media.access.may_fetch), so a lapsed subscription stops a subscriber's address.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from utgivare.media import signing

SALT = "utgivare.webtv.video"
# Long enough to watch a long video, paused a while, from one page load.
MIN_GRANT = dt.timedelta(hours=2)


def grant_lifetime(duration_seconds: float) -> dt.timedelta:
    return MIN_GRANT + dt.timedelta(seconds=2 * max(0.0, duration_seconds))


def token_for(page_id: int, subject: str, now: dt.datetime, duration_seconds: float) -> str:
    expires = None if subject == "p" else now + grant_lifetime(duration_seconds)
    return signing.sign(page_id, subject, expires, salt=SALT)


def verify(token: str, now: dt.datetime):
    return signing.verify(token, now, salt=SALT)


def folder(token: str) -> str:
    """The address every file of the token's page is fetched under (ends with "/")."""
    return reverse("webtv_media", kwargs={"token": token, "name": "x"})[:-1]
