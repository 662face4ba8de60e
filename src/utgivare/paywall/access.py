"""The one access decision for every paywalled piece, on every surface.

Pure functions on small frozen values: the reader's entitlements, the piece's
access level, the reader's meter and `now` go in; a Decision comes out. No
request, no database, no clock read. The page, feeds, search, JSON-LD and any
later surface (API, print view, podcast feeds) ask this and render only what
it allows.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from .levels import AccessLevel

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# The most free reads an operator may allow per month. It also bounds how many
# piece ids a meter ever holds, and so the size of the anonymous meter cookie.
MAX_FREE_READS = 100

# Why a reader gets what they get. Stored in events and shown in tests, so plain strings.
STAFF = "staff"
SUBSCRIBER = "subscriber"
FREE = "free"
METERED = "metered"
REREAD = "reread"
QUOTA_REACHED = "quota_reached"
SUBSCRIBERS_ONLY = "subscribers_only"
# The reader's own parallel requests held their meter too long to count this read.
METER_BUSY = "meter_busy"


class CoversContent(Protocol):
    """What decide needs of subscriptions.entitlements.Entitlements."""

    def covers(self, content_type: str) -> bool: ...


def month_key(now: dt.datetime) -> str:
    """The calendar month in Stockholm that `now` falls in, as "YYYY-MM" (sorts by time)."""
    if now.tzinfo is None:
        raise ValueError("month_key needs an aware datetime")
    return now.astimezone(STOCKHOLM).strftime("%Y-%m")


def free_reads_return_on(month: str) -> dt.date | None:
    """The day a reader's free reads come back: the first of the month after `month`
    ("YYYY-MM", the meter's period), when a new calendar month starts an empty meter."""
    try:
        year, number = int(month[:4]), int(month[5:7])
    except ValueError:
        return None
    if not 1 <= number <= 12:
        return None
    return dt.date(year + number // 12, number % 12 + 1, 1)


@dataclass(frozen=True)
class Meter:
    """The metered pieces one reader has opened in full during one month."""

    month: str = ""
    read_ids: frozenset[int] = frozenset()

    @property
    def used(self) -> int:
        return len(self.read_ids)


EMPTY_METER = Meter()


@dataclass(frozen=True)
class Decision:
    full: bool
    reason: str
    # Only for a metered piece read by someone the meter applies to; else None.
    free_left: int | None = None
    used: int | None = None
    limit: int | None = None
    month: str = ""
    # True when this read is a new one: the caller must store record_read(...).
    counts_read: bool = False

    @property
    def metered(self) -> bool:
        return self.free_left is not None

    @property
    def exhausts_meter(self) -> bool:
        """This read used the reader's last free piece of the month."""
        return self.counts_read and self.free_left == 0


def effective_level(level: str, site_default: str) -> str:
    """The level that applies: the piece's own, else the site's default for its type.

    Anything unknown is treated as subscribers-only, so a typo never opens a piece.
    """
    chosen = level or site_default or AccessLevel.METERED
    if chosen in (AccessLevel.FREE, AccessLevel.METERED, AccessLevel.SUBSCRIBERS):
        return str(chosen)
    return str(AccessLevel.SUBSCRIBERS)


def meter_for_month(meter: Meter, now: dt.datetime) -> Meter:
    """The meter as it stands at `now`.

    A new calendar month starts empty. A clock that went backwards (a meter
    from a month later than `now`) keeps that meter: going back in time never
    hands out more free reads.
    """
    current = month_key(now)
    if meter.month >= current:
        return meter
    return Meter(month=current)


def decide(
    *,
    entitlements: CoversContent,
    level: str,
    content_type: str,
    meter: Meter,
    piece_id: int,
    limit: int,
    now: dt.datetime,
    is_staff: bool = False,
) -> Decision:
    """May this reader see this piece in full now? `level` is the effective level."""
    if is_staff:
        return Decision(full=True, reason=STAFF)
    if entitlements.covers(content_type):
        return Decision(full=True, reason=SUBSCRIBER)
    level = effective_level(level, AccessLevel.SUBSCRIBERS)
    if level == AccessLevel.FREE:
        return Decision(full=True, reason=FREE)
    if level != AccessLevel.METERED:
        return Decision(full=False, reason=SUBSCRIBERS_ONLY)
    return decide_metered(meter=meter, piece_id=piece_id, limit=limit, now=now)


def decide_metered(*, meter: Meter, piece_id: int, limit: int, now: dt.datetime) -> Decision:
    """The meter's answer for a metered piece, for a reader the meter applies to."""
    limit = max(0, limit)
    current = meter_for_month(meter, now)
    used = current.used
    if piece_id in current.read_ids:
        return Decision(
            full=True,
            reason=REREAD,
            free_left=max(0, limit - used),
            used=used,
            limit=limit,
            month=current.month,
        )
    if used < limit:
        return Decision(
            full=True,
            reason=METERED,
            free_left=limit - used - 1,
            used=used + 1,
            limit=limit,
            month=current.month,
            counts_read=True,
        )
    return Decision(
        full=False,
        reason=QUOTA_REACHED,
        free_left=0,
        used=used,
        limit=limit,
        month=current.month,
    )


def claim(*, meter: Meter, piece_id: int, limit: int, now: dt.datetime) -> tuple[Decision, Meter]:
    """Decide a metered read and record it in one step: (decision, meter to store).

    The storage calls this with the meter read under its lock, so the decision
    to show a new piece in full and the read it uses are never apart: parallel
    requests cannot each see the last free read as still free.
    """
    decision = decide_metered(meter=meter, piece_id=piece_id, limit=limit, now=now)
    if decision.counts_read:
        return decision, record_read(meter, piece_id, now)
    return decision, meter_for_month(meter, now)


def meter_busy(limit: int, now: dt.datetime) -> Decision:
    """No full text when the meter could not be had: racing it must not open pieces."""
    return Decision(full=False, reason=METER_BUSY, limit=max(0, limit), month=month_key(now))


def record_read(meter: Meter, piece_id: int, now: dt.datetime) -> Meter:
    """The meter after the reader opened `piece_id` in full at `now`."""
    current = meter_for_month(meter, now)
    if piece_id in current.read_ids:
        return current
    return Meter(month=current.month, read_ids=current.read_ids | {piece_id})


def merge_meters(first: Meter, second: Meter, *, limit: int, now: dt.datetime) -> Meter:
    """One meter from two (the anonymous cookie and the account, at login).

    The larger use wins: the result keeps every piece of the fuller meter, and
    adds pieces from the other only while it stays within `limit`. So merging
    never lowers the count, never lets a reader gain reads, and every piece
    kept can be opened again without using the quota.
    """
    a, b = meter_for_month(first, now), meter_for_month(second, now)
    if a.month != b.month:
        return a if a.month > b.month else b
    larger, smaller = (a, b) if a.used >= b.used else (b, a)
    room = max(0, limit - larger.used)
    extra = sorted(smaller.read_ids - larger.read_ids)[:room]
    return Meter(month=larger.month, read_ids=larger.read_ids | frozenset(extra))
