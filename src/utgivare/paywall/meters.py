"""Where a reader's meter lives between requests.

Anonymous readers: a signed cookie (Django signing, its own salt) holding the
month, a random meter id and the ids of the metered pieces read this month.
Signing makes it tamper-evident, not secret: it names no person.

Beside the cookie, the server keeps a shadow copy of each anonymous meter in
the cache, keyed by the random meter id. It lets a cookie be "tied to a higher
count": an old cookie replayed after more reads, or an edited one whose
signature no longer matches, still counts what the server saw for that id.
An unreadable cookie that cannot be tied to anything is a fresh meter, which
is no more than a reader gets by deleting cookies. We deliberately keep no
count per IP address: readers behind one address (a school, an office, a
mobile operator) would share one meter, and it would store more personal
data than the feature needs.

Logged-in readers: one AccountMeter row, so the meter follows them across
devices; merged with the anonymous meter at login.

A new metered read is claimed, not just recorded: the meter is read again
under a lock (a cache lock per anonymous meter id, the row lock for an
account), the decision is made again on what is stored, and the read is
stored before the lock is let go. Parallel requests of one reader therefore
take the free reads one after another and can never share the last one
(docs/ARCHITECTURE.md, "Meter under concurrency").
"""

import re
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils.translation import gettext as _

from utgivare.core import privacy, reader_cache

from .access import (
    MAX_FREE_READS,
    Decision,
    Meter,
    claim,
    merge_meters,
    meter_busy,
    meter_for_month,
    month_key,
)
from .models import AccountMeter

COOKIE_NAME = "utgivare_matare"
COOKIE_SALT = "utgivare.paywall.meter"
# Longer than any calendar month; the month inside the cookie decides what counts.
COOKIE_MAX_AGE = 40 * 24 * 3600
# A real meter cookie is under 1 KB even at MAX_FREE_READS; anything larger is
# not ours, and is not even passed to the signature check.
MAX_COOKIE_LENGTH = 2048
SHADOW_TIMEOUT = COOKIE_MAX_AGE
SHADOW_KEY = "paywall:meter:{}"

LOCK_KEY = "paywall:meter-lock:{}"
# How long a request waits for its meter before answering without counting
# (the teaser, see access.meter_busy). A holder only reads and writes one
# cache key or one row, so a wait this long means the reader is racing their
# own meter or the storage is struggling; a reader never hangs longer.
LOCK_WAIT_SECONDS = 1.5
# A cache lock whose holder died frees itself after this long.
LOCK_EXPIRY_SECONDS = 5
LOCK_RETRY_SECONDS = 0.01
# PostgreSQL's error code for "lock_timeout reached".
LOCK_NOT_AVAILABLE = "55P03"


class MeterBusy(Exception):
    """The reader's meter stayed locked by their other requests for LOCK_WAIT_SECONDS."""


_MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
_METER_ID = r"[A-Za-z0-9_-]{8,32}"
_PAYLOAD = re.compile(rf"^({_MONTH})~({_METER_ID})~((?:\d{{1,10}})(?:\.\d{{1,10}})*)?$")
_CLAIMED_ID = re.compile(rf"^{_MONTH}~({_METER_ID})~")


@dataclass(frozen=True)
class AnonymousMeter:
    meter_id: str
    meter: Meter
    # False when the request's cookie was missing, forged, foreign, too large or expired.
    cookie_valid: bool
    # A cookie was sent but could not be trusted: the response should replace it.
    cookie_rejected: bool = False


def new_meter_id() -> str:
    return secrets.token_urlsafe(9)


def _signer():
    return signing.TimestampSigner(salt=COOKIE_SALT)


def encode_cookie(meter_id: str, meter: Meter) -> str:
    ids = ".".join(str(i) for i in sorted(meter.read_ids))
    return _signer().sign(f"{meter.month}~{meter_id}~{ids}")


def decode_cookie(raw: str) -> tuple[str, Meter] | None:
    """(meter id, meter) from a cookie we signed, or None for anything else."""
    if not raw or len(raw) > MAX_COOKIE_LENGTH:
        return None
    try:
        payload = _signer().unsign(raw, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    match = _PAYLOAD.match(payload)
    if not match:
        return None
    month, meter_id, ids = match.groups()
    read_ids = frozenset(int(i) for i in ids.split(".")) if ids else frozenset()
    if len(read_ids) > MAX_FREE_READS:
        return None
    return meter_id, Meter(month=month, read_ids=read_ids)


def claimed_meter_id(raw: str) -> str | None:
    """The meter id an untrusted cookie claims. Only ever used to count *more* reads."""
    if not raw or len(raw) > MAX_COOKIE_LENGTH:
        return None
    match = _CLAIMED_ID.match(raw)
    return match.group(1) if match else None


def _shadow(meter_id: str) -> Meter | None:
    stored = cache.get(SHADOW_KEY.format(meter_id))
    # A list as well as a tuple: a JSON cache serializer turns one into the other.
    if not (isinstance(stored, (tuple, list)) and len(stored) == 2):
        return None
    month, ids = stored
    return Meter(month=str(month), read_ids=frozenset(int(i) for i in ids))


def _fuller(first: Meter, second: Meter | None) -> Meter:
    """The meter counting more: the later month, or both sets of reads of the same month."""
    if second is None or second.month < first.month:
        return first
    if second.month > first.month:
        return second
    return Meter(month=first.month, read_ids=first.read_ids | second.read_ids)


def read_anonymous(cookies, now) -> AnonymousMeter:
    """The anonymous reader's meter at `now`, from the request's cookies and the shadow copy."""
    raw = cookies.get(COOKIE_NAME, "")
    decoded = decode_cookie(raw)
    if decoded is not None:
        meter_id, meter = decoded
        meter = _fuller(meter, _shadow(meter_id))
        return AnonymousMeter(meter_id, meter_for_month(meter, now), cookie_valid=True)
    # Untrusted: the id it claims may still tie it to the reads the server saw.
    # It gets a new id, so nobody can write into someone else's meter by naming it.
    claimed = claimed_meter_id(raw)
    meter = _shadow(claimed) if claimed else None
    return AnonymousMeter(
        new_meter_id(),
        meter_for_month(meter or Meter(), now),
        cookie_valid=False,
        cookie_rejected=bool(raw),
    )


def store_anonymous(meter_id: str, meter: Meter) -> None:
    cache.set(SHADOW_KEY.format(meter_id), (meter.month, sorted(meter.read_ids)), SHADOW_TIMEOUT)


@contextmanager
def _meter_lock(meter_id: str):
    """Hold the anonymous meter `meter_id` alone, or raise MeterBusy.

    cache.add is atomic on every backend we run (SET NX on Redis, a locked
    dict on local memory), so one request at a time gets the key. The lock
    expires by itself if its holder dies; a holder releases only its own token.
    """
    key = LOCK_KEY.format(meter_id)
    token = secrets.token_urlsafe(9)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while not cache.add(key, token, LOCK_EXPIRY_SECONDS):
        if time.monotonic() >= deadline:
            raise MeterBusy
        time.sleep(LOCK_RETRY_SECONDS)
    try:
        yield
    finally:
        if cache.get(key) == token:
            cache.delete(key)


def claim_anonymous_read(anonymous: AnonymousMeter, piece_id: int, *, limit: int, now):
    """(final decision, meter for the cookie or None) for a new read of an anonymous reader.

    The shadow copy is the meter parallel requests share (they all carry the
    same cookie), so it is read again under the lock and decided on together
    with the request's cookie. A meter id this request made (no cookie, or one not
    trusted) is known to no other request: nothing to wait for, no copy to read.
    """
    if not anonymous.cookie_valid:
        decision, after = claim(
            meter=meter_for_month(anonymous.meter, now), piece_id=piece_id, limit=limit, now=now
        )
        store_anonymous(anonymous.meter_id, after)
        return decision, after
    try:
        with _meter_lock(anonymous.meter_id):
            shadow = _shadow(anonymous.meter_id)
            meter = meter_for_month(_fuller(anonymous.meter, shadow), now)
            decision, after = claim(meter=meter, piece_id=piece_id, limit=limit, now=now)
            if after != shadow:
                store_anonymous(anonymous.meter_id, after)
    except MeterBusy:
        return meter_busy(limit, now), None
    return decision, after


# The account meter, kept between requests (core.reader_cache) and dropped with every
# save of the row. A kept meter can only be behind the stored one (within a month a
# meter only grows): then a re-read looks like a new read and is claimed, which reads
# the row again under its lock.
KEPT_PART = "meter"


def read_account(user) -> Meter:
    def load():
        row = AccountMeter.objects.filter(user=user).only("month", "piece_ids").first()
        return row.as_meter() if row else Meter()

    return reader_cache.part(user, KEPT_PART, load)


def _account_meter_changed(sender, instance=None, raw=False, **kwargs):
    if not raw and instance is not None:
        reader_cache.bump_reader(instance.user_id)


def connect_signals():
    from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

    reader_cache.register_part(KEPT_PART)
    post_save.connect(_account_meter_changed, sender=AccountMeter, dispatch_uid="meter-save")
    post_delete.connect(_account_meter_changed, sender=AccountMeter, dispatch_uid="meter-del")


def _update_account(user, change):
    """Apply `change(meter) -> (result, meter)` to the reader's stored meter; the result."""
    try:
        return _apply_to_account(user, change)
    except IntegrityError:
        # Two first reads of the same reader at once both tried to create the row;
        # the other one won, so decide again on that row, now locked.
        return _apply_to_account(user, change)


def _apply_to_account(user, change):
    # Read, decide and store inside one transaction that holds the reader's
    # meter: on PostgreSQL select_for_update locks the row until commit; on
    # SQLite the settings open every transaction with BEGIN IMMEDIATE, which
    # takes the database write lock before the read (select_for_update is a
    # no-op there).
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A reader waits at most this long for their own row (then access.meter_busy).
            with connection.cursor() as cursor:
                wait = f"{int(LOCK_WAIT_SECONDS * 1000)}ms"
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [wait])
        row = AccountMeter.objects.select_for_update().filter(user=user).first()
        before = row.as_meter() if row else Meter()
        result, after = change(before)
        if after != before:
            if row is None:
                row = AccountMeter(user=user)
            if row.month != after.month:
                # A new month: last month's wall is not kept (no older reading history).
                row.last_walled_page_id = None
            row.month = after.month
            row.piece_ids = sorted(after.read_ids)
            row.save()
    return result


def _lock_not_available(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE


def claim_account_read(user, piece_id: int, *, limit: int, now) -> Decision:
    """The final decision for a new read of a logged-in reader, stored with its read."""
    try:
        return _update_account(
            user, lambda meter: claim(meter=meter, piece_id=piece_id, limit=limit, now=now)
        )
    except OperationalError as error:
        if not _lock_not_available(error):
            raise
        return meter_busy(limit, now)


def remember_wall(user, piece_id: int, *, now) -> None:
    """Note the piece whose paywall this reader just met, for this month only."""
    month = month_key(now)
    if not AccountMeter.objects.filter(user=user, month=month).update(last_walled_page_id=piece_id):
        # No meter this month yet: start one (an old month's reads are not kept).
        AccountMeter.objects.update_or_create(
            user=user,
            defaults={"month": month, "piece_ids": [], "last_walled_page_id": piece_id},
        )


def walled_piece(user, *, now):
    """The page (id only) whose paywall the reader met last this month, or None."""
    page_id = (
        AccountMeter.objects.filter(user=user, month=month_key(now))
        .values_list("last_walled_page_id", flat=True)
        .first()
    )
    return _PieceRef(page_id) if page_id else None


@dataclass(frozen=True)
class _PieceRef:
    """Enough of a piece for gate.record_event."""

    pk: int
    paywall_content_type: str = ""


def merge_into_account(user, anonymous: Meter, *, limit: int, now) -> Meter:
    def merge(meter):
        merged = merge_meters(meter, anonymous, limit=limit, now=now)
        return merged, merged

    return _update_account(user, merge)


def cookie_kwargs() -> dict:
    return {
        "max_age": COOKIE_MAX_AGE,
        "httponly": True,
        "samesite": "Lax",
        "secure": settings.SESSION_COOKIE_SECURE,
    }


def privacy_cookie() -> privacy.Cookie:
    """The meter cookie as the privacy page describes it."""
    return privacy.Cookie(
        COOKIE_NAME,
        _(
            "Räknar de artiklar du läst gratis denna månad: månaden och artiklarnas "
            "nummer, inget om vem du är. Sätts bara när du läser en artikel som ingår "
            "i månadens gratisartiklar."
        ),
        privacy.lifetime(COOKIE_MAX_AGE),
    )
