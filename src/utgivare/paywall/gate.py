"""Adapter between a request and paywall.access.decide.

Works out who is reading (staff, entitlements, meter), asks `decide`, stores
a new read, records what the report counts, and leaves a note on the request
for PaywallMiddleware (meter cookie, Cache-Control, Vary). Surfaces that are
the same for every reader (feeds, search, sitemaps) use `public_variant`.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from wagtail.models import Site

from utgivare.subscriptions.entitlements import NOTHING, for_reader

from . import access, meters
from .levels import AccessLevel
from .models import PaywallEvent, PaywallSettings

STATE_ATTR = "_utgivare_paywall"


def now():
    """The clock the gate reads; tests move it to cross month boundaries."""
    return timezone.now()


@dataclass(frozen=True)
class Access:
    full: bool = True
    reason: str = access.FREE
    free_left: int | None = None
    # The piece's own level, not this reader's: false for metered and paid pieces.
    is_accessible_for_free: bool = True
    used: int | None = None
    limit: int | None = None
    month: str = ""
    # Which paywall box a reader without access sees: "quota", "subscribers", or
    # "busy" (their meter was held too long by their own parallel requests).
    box: str = ""

    @property
    def variant(self) -> str:
        return "full" if self.full else "teaser"

    @property
    def show_banner(self) -> bool:
        """The "Du har 2 av 3 …" line: only for a metered piece read on the meter."""
        return self.full and self.free_left is not None


@dataclass
class RequestState:
    """What the gate learnt during one request, for PaywallMiddleware."""

    now: object
    # The response depends on who is reading: never for a shared cache.
    personalised: bool = False
    # (meter id, meter) for the anonymous meter cookie to set on the response.
    cookie: tuple[str, access.Meter] | None = None
    # The reader's entitlements, once read (None: not asked, e.g. a free piece).
    entitlements: object = None


def request_state(request) -> RequestState:
    state = getattr(request, STATE_ATTR, None)
    if state is None:
        state = RequestState(now=now())
        setattr(request, STATE_ATTR, state)
    return state


def is_staff(user) -> bool:
    """Editors and operators read everything and never see the meter."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def entitlements_for_request(request):
    """The reader's entitlements, read at most once per request."""
    state = request_state(request)
    if state.entitlements is None:
        state.entitlements = for_reader(getattr(request, "user", None), state.now)
    return state.entitlements


def piece_level(piece, paywall_settings) -> str:
    """The access level that applies to `piece`: its own, else the site default for its type."""
    default = paywall_settings.default_level(piece.paywall_content_type)
    return access.effective_level(piece.access_level, default)


def access_for_request(request, piece) -> Access:
    state = request_state(request)
    paywall_settings = PaywallSettings.for_request(request)
    level = piece_level(piece, paywall_settings)
    is_free = level == AccessLevel.FREE
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    if logged_in:
        # Account menu, entitlements: a logged-in page is never shared.
        state.personalised = True
    if is_free:
        return Access()

    staff = is_staff(user)
    content_type = piece.paywall_content_type
    entitlements = NOTHING if staff else for_reader(user, state.now)
    state.entitlements = entitlements
    uses_meter = (
        level == AccessLevel.METERED and not staff and not entitlements.covers(content_type)
    )
    anonymous = None
    meter = access.EMPTY_METER
    if uses_meter:
        if logged_in:
            meter = meters.read_account(user)
        else:
            anonymous = meters.read_anonymous(request.COOKIES, state.now)
            meter = anonymous.meter
            if anonymous.cookie_rejected:
                # Replace the bad cookie; what it was tied to stays tied to the new one.
                state.cookie = (anonymous.meter_id, meter)
                if meter.read_ids:
                    meters.store_anonymous(anonymous.meter_id, meter)

    limit = paywall_settings.free_reads_per_month
    decision = access.decide(
        entitlements=entitlements,
        level=level,
        content_type=content_type,
        meter=meter,
        piece_id=piece.pk,
        limit=limit,
        now=state.now,
        is_staff=staff,
    )
    if decision.metered or not decision.full or entitlements.covers(content_type):
        state.personalised = True

    if not getattr(request, "is_preview", False):
        decision = _remember(request, state, decision, piece, anonymous, limit)

    box = ""
    if decision.reason == access.METER_BUSY:
        box = "busy"
    elif not decision.full:
        box = "quota" if decision.reason == access.QUOTA_REACHED and limit > 0 else "subscribers"
    return Access(
        full=decision.full,
        reason=decision.reason,
        free_left=decision.free_left,
        is_accessible_for_free=False,
        used=decision.used,
        limit=decision.limit,
        month=decision.month,
        box=box,
    )


def _remember(request, state, decision, piece, anonymous, limit) -> access.Decision:
    """Claim a new read and record the events the paywall report counts; the final decision.

    `decision` was made on the meter as read at the start of the request. A
    new read is decided again under the meter's lock (meters.claim_*), since
    the reader's parallel requests may have used the free reads meanwhile.
    """
    counted = decision.counts_read
    if counted:
        if anonymous is None:
            decision = meters.claim_account_read(request.user, piece.pk, limit=limit, now=state.now)
        else:
            decision, meter = meters.claim_anonymous_read(
                anonymous, piece.pk, limit=limit, now=state.now
            )
            if meter is not None:
                state.cookie = (anonymous.meter_id, meter)
    if decision.exhausts_meter:
        record_event(PaywallEvent.Kind.METER_EXHAUSTED, state.now, piece, decision.reason)
    if counted and decision.full:
        record_event(PaywallEvent.Kind.METERED_READ, state.now, piece, decision.reason)
    if not decision.full and decision.reason != access.METER_BUSY:
        record_event(PaywallEvent.Kind.BOX_VIEW, state.now, piece, decision.reason)
        if anonymous is None and request.user.is_authenticated:
            meters.remember_wall(request.user, piece.pk, now=state.now)
    return decision


_EVENT_COLUMNS = ("kind", "month", "occurred_at", "content_type", "page_id", "reason")
# set_config(..., true) lasts until the end of the statement's own transaction, whose
# commit reads it; the connection's setting is left as it was.
_WITHOUT_WAITING = " RETURNING set_config('synchronous_commit', 'off', true)"
_event_sql = None


def record_event(kind, when, piece=None, reason=""):
    """One PaywallEvent row, inserted with a plain statement: a first read records one,
    and the ORM's compiling of the insert cost more than running it.

    The events are the paywall report's counts, not anyone's access or money. So on
    PostgreSQL an event written on its own (a read, a wall shown) does not wait for the
    WAL to reach the disk (`synchronous_commit` off for its own transaction only): that
    flush cost each first read 0.1-2 ms of waiting and about 0.1 ms more of the database
    server's CPU on these machines (`make bench-http`, docs/ARCHITECTURE.md). A crash of the
    database server can lose the last fraction of a second of events; it never loses
    or corrupts anything else. An event inside a larger transaction (a conversion
    recorded with its subscription) commits with that transaction as before.
    """
    global _event_sql
    if _event_sql is None:
        quote = connection.ops.quote_name
        _event_sql = (
            f"INSERT INTO {quote(PaywallEvent._meta.db_table)} "  # noqa: S608 - our table
            f"({', '.join(quote(name) for name in _EVENT_COLUMNS)}) "
            f"VALUES ({', '.join(['%s'] * len(_EVENT_COLUMNS))})"
        )
    relaxed = connection.vendor == "postgresql" and not connection.in_atomic_block
    values = [
        str(kind),
        access.month_key(when),
        connection.ops.adapt_datetimefield_value(when),
        getattr(piece, "paywall_content_type", ""),
        getattr(piece, "pk", None),
        reason,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_event_sql + _WITHOUT_WAITING if relaxed else _event_sql, values)


def public_variant(piece, paywall_settings=None) -> str:
    """What a surface that is the same for everyone (feeds, search, sitemaps) may show.

    "full" only for pieces whose effective access level is free; else "teaser".
    Pass `paywall_settings` when asking for many pieces of one site.
    """
    if paywall_settings is None:
        site = piece.get_site() or Site.objects.filter(is_default_site=True).first()
        paywall_settings = PaywallSettings.for_site(site)
    return "full" if piece_level(piece, paywall_settings) == AccessLevel.FREE else "teaser"


def public_blocks(piece, paywall_settings=None) -> list:
    """The body blocks a surface that is the same for everyone may show."""
    if public_variant(piece, paywall_settings) == "full":
        return list(piece.body)
    return list(piece.teaser_blocks())
