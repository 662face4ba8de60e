"""Stripe webhook events: stored before they are acknowledged, applied exactly once.

- `store(event)` keeps the verified event under its unique Stripe id; the same
  event delivered again finds the stored row and changes nothing.
- `process(pk)` applies a stored event once, in a transaction that locks the
  event row and the subscription it touches.
- Order independence: each subscription remembers the (time, rank) of the
  Stripe state last applied to it; an event older than that is stale and
  changes nothing, so a late, older event never overwrites newer state.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import event_privacy, stripe_gateway
from .choices import Source, Status
from .lifecycle import Actor, grace_period, save_change
from .models import Payment, Plan, StripeWebhookEvent, Subscription

log = logging.getLogger(__name__)

CHECKOUT_COMPLETED = "checkout.session.completed"
SUBSCRIPTION_CREATED = "customer.subscription.created"
SUBSCRIPTION_UPDATED = "customer.subscription.updated"
SUBSCRIPTION_DELETED = "customer.subscription.deleted"
INVOICE_PAID = "invoice.paid"
INVOICE_PAYMENT_FAILED = "invoice.payment_failed"

# Stripe times events to the second. Within one second, a deletion is newer
# than an update, an update newer than a creation.
RANK = {
    CHECKOUT_COMPLETED: 1,
    SUBSCRIPTION_CREATED: 1,
    INVOICE_PAID: 2,
    INVOICE_PAYMENT_FAILED: 2,
    SUBSCRIPTION_UPDATED: 3,
    SUBSCRIPTION_DELETED: 4,
}
# State read from the API: fresher than every event before that second, but
# events of the same second win ties, so nothing newer is ever skipped.
FETCHED_RANK = 0

STRIPE_STATUS = {
    "incomplete": Status.INCOMPLETE,
    "incomplete_expired": Status.EXPIRED,
    "trialing": Status.TRIALING,
    "active": Status.ACTIVE,
    "past_due": Status.PAST_DUE,
    # Retries exhausted but not yet canceled: the grace period decides.
    "unpaid": Status.PAST_DUE,
    "canceled": Status.EXPIRED,
    "paused": Status.EXPIRED,
}


class UnknownReader(Exception):
    pass


class UnknownPlan(Exception):
    pass


def from_timestamp(value) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC) if value else None


def stripe_id(value) -> str:
    """Stripe sends either an id or an expanded object."""
    if isinstance(value, dict):
        return value.get("id") or ""
    return value or ""


# --- Reading Stripe objects (pure) -----------------------------------------------


@dataclass(frozen=True)
class StripeSubscription:
    id: str
    customer: str
    status: str
    current_period_start: dt.datetime | None
    current_period_end: dt.datetime | None
    ended_at: dt.datetime | None
    price_id: str
    user_id: str
    plan_id: str


def status_from_stripe(stripe_status: str, cancel_at_period_end: bool, cancel_at=None) -> str:
    status = STRIPE_STATUS.get(stripe_status, Status.INCOMPLETE)
    if status in (Status.ACTIVE, Status.TRIALING) and (cancel_at_period_end or cancel_at):
        return Status.CANCELED
    return status


def read_subscription(obj: dict) -> StripeSubscription:
    items = (obj.get("items") or {}).get("data") or [{}]
    first_item = items[0] or {}
    # Newer API versions keep the period on the subscription's items.
    period_start = obj.get("current_period_start") or first_item.get("current_period_start")
    period_end = obj.get("current_period_end") or first_item.get("current_period_end")
    metadata = obj.get("metadata") or {}
    return StripeSubscription(
        id=obj["id"],
        customer=stripe_id(obj.get("customer")),
        status=status_from_stripe(
            obj.get("status", ""), bool(obj.get("cancel_at_period_end")), obj.get("cancel_at")
        ),
        current_period_start=from_timestamp(period_start),
        current_period_end=from_timestamp(period_end),
        ended_at=from_timestamp(obj.get("ended_at")),
        price_id=stripe_id(first_item.get("price")),
        user_id=str(metadata.get("user_id") or ""),
        plan_id=str(metadata.get("plan_id") or ""),
    )


def invoice_subscription_id(invoice: dict) -> str:
    direct = stripe_id(invoice.get("subscription"))
    if direct:
        return direct
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    return stripe_id(details.get("subscription"))


def is_stale(applied: tuple | None, incoming: tuple) -> bool:
    return applied is not None and incoming < applied


# --- Storing -------------------------------------------------------------------------


def store(event: dict) -> tuple[StripeWebhookEvent, bool]:
    """Keep a verified event; (row, created). A second delivery returns the first row."""
    try:
        with transaction.atomic():
            row = StripeWebhookEvent.objects.create(
                event_id=event["id"],
                type=event.get("type", ""),
                payload=event,
                stripe_created=from_timestamp(event.get("created")) or timezone.now(),
            )
        return row, True
    except IntegrityError:
        # Delivered before (or right now, by a concurrent request).
        return StripeWebhookEvent.objects.get(event_id=event["id"]), False


# --- Processing -----------------------------------------------------------------------


def process(event_pk: int, *, now: dt.datetime | None = None) -> str:
    """Apply a stored event once. Returns what happened ("applied", "stale", …)."""
    now = now or timezone.now()
    row = StripeWebhookEvent.objects.get(pk=event_pk)
    if row.processed_at:
        return row.outcome
    try:
        # Calls to Stripe happen before the transaction, so no lock is held
        # while waiting on the network.
        fetched = _fetch_for(row.payload)
        with transaction.atomic():
            row = StripeWebhookEvent.objects.select_for_update().get(pk=event_pk)
            if row.processed_at:
                return row.outcome
            outcome = _apply(row, fetched, now=now)
            row.processed_at = now
            row.outcome = outcome[:200]
            row.error = ""
            row.attempts += 1
            row.save(update_fields=["processed_at", "outcome", "error", "attempts"])
            # Applied: what bookkeeping needs is in the Payment now.
            event_privacy.scrub_row(row, now=now)
    except Exception as exc:
        log.exception("Stripe event %s (%s) failed; kept for retry", row.event_id, row.type)
        StripeWebhookEvent.objects.filter(pk=event_pk, processed_at=None).update(
            error=f"{type(exc).__name__}: {exc}"[:2000], attempts=row.attempts + 1
        )
        return "error"
    if outcome.startswith("ignored"):
        log.info("Stripe event %s (%s) ignored: %s", row.event_id, row.type, outcome)
    return outcome


def _fetch_for(event: dict) -> dict | None:
    """The subscription a completed checkout is about, fresh from the API."""
    if event.get("type") != CHECKOUT_COMPLETED:
        return None
    session = event["data"]["object"]
    reference = session.get("subscription")
    if session.get("mode") != "subscription" or not reference:
        return None
    if isinstance(reference, dict):
        return reference
    if not stripe_gateway.is_configured():
        return None
    return stripe_gateway.retrieve_subscription(reference)


def _apply(row: StripeWebhookEvent, fetched: dict | None, *, now: dt.datetime) -> str:
    event = row.payload
    obj = event.get("data", {}).get("object", {})
    actor = Actor(f"stripe:{row.event_id}")
    key = (row.stripe_created, RANK.get(row.type, 0))
    if row.type == CHECKOUT_COMPLETED:
        return checkout_completed(obj, fetched, key=key, actor=actor, now=now)
    if row.type in (SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED):
        _, outcome = sync_subscription(
            read_subscription(obj), key=key, actor=actor, kind=row.type, when=row.stripe_created
        )
        return outcome
    if row.type == INVOICE_PAID:
        return invoice_paid(obj, key=key, actor=actor, when=row.stripe_created)
    if row.type == INVOICE_PAYMENT_FAILED:
        return payment_failed(obj, key=key, actor=actor, when=row.stripe_created)
    return "ignored: unhandled type"


def checkout_completed(session: dict, fetched: dict | None, *, key, actor, now) -> str:
    if session.get("mode") != "subscription" or not session.get("subscription"):
        return "ignored: not a subscription checkout"
    metadata = session.get("metadata") or {}
    user_hint = _user(metadata.get("user_id") or session.get("client_reference_id"))
    plan_hint = _plan(metadata.get("plan_id"))
    if fetched is not None:
        state = read_subscription(fetched)
        key = (now.replace(microsecond=0), FETCHED_RANK)
    else:
        state = StripeSubscription(
            id=stripe_id(session["subscription"]),
            customer=stripe_id(session.get("customer")),
            status=Status.INCOMPLETE,
            current_period_start=None,
            current_period_end=None,
            ended_at=None,
            price_id="",
            user_id="",
            plan_id="",
        )
        key = None  # links reader and plan only; the subscription events bring the state
    _, outcome = sync_subscription(
        state,
        key=key,
        actor=actor,
        kind=CHECKOUT_COMPLETED,
        when=now,
        user_hint=user_hint,
        plan_hint=plan_hint,
    )
    return outcome


def sync_subscription(
    state: StripeSubscription,
    *,
    key: tuple | None,
    actor: Actor,
    kind: str,
    when: dt.datetime,
    user_hint=None,
    plan_hint=None,
) -> tuple[Subscription, str]:
    """Bring our row for a Stripe subscription to `state`, unless `state` is older."""
    row, before = _row_for(state, user_hint=user_hint, plan_hint=plan_hint)
    if key is None:
        if not before:
            save_change(row, before=before, actor=actor, kind=kind, when=when)
        return row, "linked"
    applied = (row.stripe_state_at, row.stripe_state_rank) if row.stripe_state_at else None
    if is_stale(applied, key):
        return row, "stale"
    if applied == key and stripe_gateway.is_configured():
        # Two events of one kind within the same second: ask Stripe which is true now.
        state = read_subscription(stripe_gateway.retrieve_subscription(state.id))
    row.status = state.status
    row.current_period_start = state.current_period_start or row.current_period_start
    row.current_period_end = state.current_period_end or row.current_period_end
    row.stripe_customer_id = state.customer or row.stripe_customer_id
    if state.price_id:
        plan = Plan.objects.filter(stripe_price_id=state.price_id).first()
        row.plan = plan or row.plan
    _set_grace_and_end(row, when=when, ended_at=state.ended_at)
    row.stripe_state_at, row.stripe_state_rank = key
    save_change(row, before=before, actor=actor, kind=kind, when=when)
    return row, "applied"


def _set_grace_and_end(row: Subscription, *, when: dt.datetime, ended_at=None) -> None:
    if row.status == Status.PAST_DUE:
        row.grace_until = row.grace_until or when + grace_period()
    else:
        row.grace_until = None
    if row.status == Status.EXPIRED:
        row.ended_at = ended_at or row.ended_at or when
    else:
        row.ended_at = None


def _row_for(state: StripeSubscription, *, user_hint=None, plan_hint=None):
    """Our row for `state.id`, locked; created when Stripe tells us of it first."""
    row = Subscription.objects.select_for_update().filter(stripe_subscription_id=state.id).first()
    if row is not None:
        return row, row.state()
    user = user_hint or _user(state.user_id) or _user_by_customer(state.customer)
    if user is None:
        raise UnknownReader(state.id)
    plan = (
        plan_hint
        or _plan(state.plan_id)
        or (Plan.objects.filter(stripe_price_id=state.price_id).first() if state.price_id else None)
    )
    if plan is None:
        raise UnknownPlan(state.id)
    try:
        with transaction.atomic():
            row = Subscription.objects.create(
                user=user,
                plan=plan,
                source=Source.STRIPE,
                status=Status.INCOMPLETE,
                stripe_subscription_id=state.id,
                stripe_customer_id=state.customer,
            )
    except IntegrityError:
        row = Subscription.objects.select_for_update().get(stripe_subscription_id=state.id)
        return row, row.state()
    # Invoices paid before we knew the subscription belong to it.
    Payment.objects.filter(stripe_subscription_id=state.id, subscription=None).update(
        subscription=row, user=user
    )
    return row, {}


def _user(pk):
    if not pk or not str(pk).isdigit():
        return None
    return get_user_model().objects.filter(pk=int(pk)).first()


def _plan(pk):
    if not pk or not str(pk).isdigit():
        return None
    return Plan.objects.filter(pk=int(pk)).first()


def _user_by_customer(customer_id: str):
    if not customer_id:
        return None
    known = (
        Subscription.objects.filter(stripe_customer_id=customer_id, user__isnull=False)
        .select_related("user")
        .first()
    )
    return known.user if known else None


def invoice_paid(invoice: dict, *, key, actor, when) -> str:
    subscription_id = invoice_subscription_id(invoice)
    if not subscription_id:
        return "ignored: not a subscription invoice"
    row = (
        Subscription.objects.select_for_update()
        .filter(stripe_subscription_id=subscription_id)
        .first()
    )
    paid_at = from_timestamp((invoice.get("status_transitions") or {}).get("paid_at")) or when
    try:
        with transaction.atomic():
            Payment.objects.create(
                subscription=row,
                user=row.user if row else None,
                amount_ore=int(invoice.get("amount_paid") or 0),
                currency=(invoice.get("currency") or "sek").upper(),
                paid_at=paid_at,
                source=Source.STRIPE,
                description=row.plan.name if row else "",
                payer_name=invoice.get("customer_name") or "",
                payer_email=invoice.get("customer_email") or "",
                stripe_invoice_id=invoice["id"],
                stripe_subscription_id=subscription_id,
                reference=invoice.get("number") or "",
            )
    except IntegrityError:
        return "ignored: payment already recorded"
    if row is not None and row.status == Status.PAST_DUE:
        applied = (row.stripe_state_at, row.stripe_state_rank) if row.stripe_state_at else None
        if not is_stale(applied, key):
            before = row.state()
            row.status = Status.ACTIVE
            row.grace_until = None
            row.stripe_state_at, row.stripe_state_rank = key
            save_change(row, before=before, actor=actor, kind=INVOICE_PAID, when=when)
    return "applied"


def payment_failed(invoice: dict, *, key, actor, when) -> str:
    subscription_id = invoice_subscription_id(invoice)
    row = (
        Subscription.objects.select_for_update()
        .filter(stripe_subscription_id=subscription_id)
        .first()
    )
    if row is None:
        return "ignored: unknown subscription"
    applied = (row.stripe_state_at, row.stripe_state_rank) if row.stripe_state_at else None
    if is_stale(applied, key):
        return "stale"
    before = row.state()
    if row.status in (Status.ACTIVE, Status.TRIALING):
        row.status = Status.PAST_DUE
    _set_grace_and_end(row, when=when, ended_at=row.ended_at)
    row.stripe_state_at, row.stripe_state_rank = key
    save_change(
        row,
        before=before,
        actor=actor,
        kind=INVOICE_PAYMENT_FAILED,
        when=when,
        note=f"{invoice.get('attempt_count') or 1}. försöket misslyckades",
        force_event=True,
    )
    return "applied"
