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
"""

import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction

from .access import MAX_FREE_READS, Meter, merge_meters, meter_for_month, record_read
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


def read_account(user) -> Meter:
    row = AccountMeter.objects.filter(user=user).only("month", "piece_ids").first()
    return row.as_meter() if row else Meter()


def _update_account(user, change) -> Meter:
    """Apply `change(meter) -> meter` to the reader's stored meter under a row lock."""
    try:
        return _apply_to_account(user, change)
    except IntegrityError:
        # Two first reads of the same reader at once both tried to create the row;
        # the other one won, so apply the change to that row.
        return _apply_to_account(user, change)


def _apply_to_account(user, change) -> Meter:
    with transaction.atomic():
        row = AccountMeter.objects.select_for_update().filter(user=user).first()
        before = row.as_meter() if row else Meter()
        after = change(before)
        if after == before:
            return after
        if row is None:
            row = AccountMeter(user=user)
        row.month = after.month
        row.piece_ids = sorted(after.read_ids)
        row.save()
    return after


def record_account_read(user, piece_id: int, now) -> Meter:
    return _update_account(user, lambda meter: record_read(meter, piece_id, now))


def merge_into_account(user, anonymous: Meter, *, limit: int, now) -> Meter:
    return _update_account(user, lambda meter: merge_meters(meter, anonymous, limit=limit, now=now))


def cookie_kwargs() -> dict:
    return {
        "max_age": COOKIE_MAX_AGE,
        "httponly": True,
        "samesite": "Lax",
        "secure": settings.SESSION_COOKIE_SECURE,
    }
