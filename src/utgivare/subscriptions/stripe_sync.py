"""Bringing our subscription rows to the state Stripe reports.

Used by the webhook (`webhooks.process`) and by the checkout return page
(`checkout.checkout_result`), which may ask Stripe before the webhook arrives.
Callers hold a transaction; rows are locked while they change.

Order independence: each subscription remembers the key (Stripe time, rank) of
the state last applied to it. A state with an older key is stale and changes
nothing (`is_stale`), so a late, older event never overwrites newer state.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from . import stripe_gateway
from .choices import Source, Status
from .lifecycle import Actor, grace_period, save_change
from .models import Payment, Plan, Subscription
from .stripe_objects import (
    CHECKOUT_COMPLETED,
    INVOICE_PAID,
    INVOICE_PAYMENT_FAILED,
    SUBSCRIPTION_CREATED,
    SUBSCRIPTION_DELETED,
    SUBSCRIPTION_UPDATED,
    StripeSubscription,
    from_timestamp,
    invoice_subscription_id,
    read_subscription,
)

# (Stripe's time of the state, rank): the later key is the newer state.
StateKey = tuple[dt.datetime, int]

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


class UnknownReader(Exception):
    pass


class UnknownPlan(Exception):
    pass


def event_key(event_type: str, created: dt.datetime) -> StateKey:
    return created, RANK.get(event_type, 0)


def fetched_key(now: dt.datetime) -> StateKey:
    """The key of state just read from Stripe's API."""
    return now.replace(microsecond=0), FETCHED_RANK


def is_stale(applied: StateKey | None, incoming: StateKey) -> bool:
    """The one staleness rule: state older than what a row holds changes nothing."""
    return applied is not None and incoming < applied


def applied_key(row: Subscription) -> StateKey | None:
    return (row.stripe_state_at, row.stripe_state_rank) if row.stripe_state_at else None


def _mark_applied(row: Subscription, key: StateKey) -> None:
    row.stripe_state_at, row.stripe_state_rank = key


def sync_subscription(
    state: StripeSubscription,
    *,
    key: StateKey | None,
    actor: Actor,
    kind: str,
    when: dt.datetime,
    user_hint=None,
    plan_hint=None,
) -> tuple[Subscription, str]:
    """Bring our row for a Stripe subscription to `state`, unless `state` is older.

    `key` None only links the row to its reader and plan (a checkout whose
    subscription we have not read): the subscription events bring the state.
    """
    row, before = _row_for(state, user_hint=user_hint, plan_hint=plan_hint)
    if key is None:
        if not before:
            save_change(row, before=before, actor=actor, kind=kind, when=when)
        return row, "linked"
    if is_stale(applied_key(row), key):
        return row, "stale"
    if applied_key(row) == key and stripe_gateway.is_configured():
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
    _mark_applied(row, key)
    save_change(row, before=before, actor=actor, kind=kind, when=when)
    return row, "applied"


def invoice_paid(invoice: dict, *, key: StateKey, actor: Actor, when: dt.datetime) -> str:
    """Record the payment; a subscription whose renewal had failed is active again."""
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
    if row is not None and row.status == Status.PAST_DUE and not is_stale(applied_key(row), key):
        before = row.state()
        row.status = Status.ACTIVE
        row.grace_until = None
        _mark_applied(row, key)
        save_change(row, before=before, actor=actor, kind=INVOICE_PAID, when=when)
    return "applied"


def payment_failed(invoice: dict, *, key: StateKey, actor: Actor, when: dt.datetime) -> str:
    """A renewal failed: the subscription is past due and its grace period starts."""
    subscription_id = invoice_subscription_id(invoice)
    row = (
        Subscription.objects.select_for_update()
        .filter(stripe_subscription_id=subscription_id)
        .first()
    )
    if row is None:
        return "ignored: unknown subscription"
    if is_stale(applied_key(row), key):
        return "stale"
    before = row.state()
    if row.status in (Status.ACTIVE, Status.TRIALING):
        row.status = Status.PAST_DUE
    _set_grace_and_end(row, when=when, ended_at=row.ended_at)
    _mark_applied(row, key)
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


def user_from_id(pk):
    """The account a Stripe object's metadata names, or None."""
    if not pk or not str(pk).isdigit():
        return None
    return get_user_model().objects.filter(pk=int(pk)).first()


def plan_from_id(pk):
    """The plan a Stripe object's metadata names, or None."""
    if not pk or not str(pk).isdigit():
        return None
    return Plan.objects.filter(pk=int(pk)).first()


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
    user = user_hint or user_from_id(state.user_id) or _user_by_customer(state.customer)
    if user is None:
        raise UnknownReader(state.id)
    plan = (
        plan_hint
        or plan_from_id(state.plan_id)
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


def _user_by_customer(customer_id: str):
    if not customer_id:
        return None
    known = (
        Subscription.objects.filter(stripe_customer_id=customer_id, user__isnull=False)
        .select_related("user")
        .first()
    )
    return known.user if known else None
