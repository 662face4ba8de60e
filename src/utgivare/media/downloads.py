"""Counting downloads the way the IAB podcast measurement guidelines (v2) describe:
one download per listener (keyed IP hash + user agent) and file per 24 hours, and
requests that cannot hold a minute of audio are not downloads. No raw address is
stored; the listener key is a hash of the keyed IP hash and the user agent.
"""

import datetime as dt
import hashlib

from django.db import transaction

from utgivare.core import ip_hashing

from .models import Download, MediaFile

WINDOW = dt.timedelta(hours=24)
MINIMUM_SECONDS = 60
IP_HASH_PURPOSE = "utgivare.media.listener"


def listener_key(ip: str, user_agent: str) -> str:
    """Who is listening, as far as counting needs: 20 hex characters, no address."""
    hashed_ip = ip_hashing.ip_hash(ip, ip_hashing.ip_key(IP_HASH_PURPOSE)) or "unknown"
    return hashlib.sha256(f"{hashed_ip}|{user_agent[:500]}".encode()).hexdigest()[:20]


def is_download_sized(*, bytes_requested: int, size: int, bitrate: int, duration: float) -> bool:
    """A request counts only if it asks for at least a minute of audio (or the whole
    of a shorter file): range probes (bytes=0-1) and players' small seeks do not."""
    if size <= 0:
        return False
    if bitrate > 0:
        minute = bitrate // 8 * MINIMUM_SECONDS
    else:
        minute = int(size * MINIMUM_SECONDS / duration) if duration > 0 else size
    return bytes_requested >= min(minute, size)


def is_new_download(last_counted: dt.datetime | None, now: dt.datetime) -> bool:
    return last_counted is None or now - last_counted >= WINDOW


def record(media_file, *, ip: str, user_agent: str, bytes_requested: int, now) -> bool:
    """Count a request if the rules say so; True when it was counted."""
    if not is_download_sized(
        bytes_requested=bytes_requested,
        size=media_file.size,
        bitrate=media_file.bitrate,
        duration=media_file.duration_seconds,
    ):
        return False
    listener = listener_key(ip, user_agent)
    with transaction.atomic():
        # One decision at a time per file: apps fire several requests at once, and
        # each must see the others' rows. (SQLite's IMMEDIATE transactions already
        # serialise; on PostgreSQL the file's row lock does.)
        MediaFile.objects.select_for_update().filter(pk=media_file.pk).exists()
        last = (
            Download.objects.filter(media_file=media_file, listener=listener)
            .order_by("-counted_at")
            .values_list("counted_at", flat=True)
            .first()
        )
        if not is_new_download(last, now):
            return False
        Download.objects.create(media_file=media_file, listener=listener, counted_at=now)
    return True
