"""Stripe webhook events: stored before they are acknowledged, applied exactly once.

- `store(event)` keeps the verified event under its unique Stripe id; the same
  event delivered again finds the stored row and changes nothing.
- `process(pk)` applies a stored event once, in a transaction that locks the
  event row and the subscription it touches, by handing what it says to
  `stripe_sync` (where the order of events is sorted out: an older event never
  overwrites newer state).

Reading Stripe's objects is `stripe_objects`; checking an event's shape before
it is stored is `stripe_events`; scrubbing personal data is `event_privacy`.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import event_privacy, stripe_gateway, stripe_sync
from .choices import Status
from .lifecycle import Actor
from .models import StripeWebhookEvent
from .stripe_objects import (
    CHECKOUT_COMPLETED,
    INVOICE_PAID,
    INVOICE_PAYMENT_FAILED,
    SUBSCRIPTION_CREATED,
    SUBSCRIPTION_DELETED,
    SUBSCRIPTION_UPDATED,
    StripeSubscription,
    from_timestamp,
    read_subscription,
    stripe_id,
)

log = logging.getLogger(__name__)


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
    key = stripe_sync.event_key(row.type, row.stripe_created)
    if row.type == CHECKOUT_COMPLETED:
        return checkout_completed(obj, fetched, actor=actor, now=now)
    if row.type in (SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED):
        _, outcome = stripe_sync.sync_subscription(
            read_subscription(obj), key=key, actor=actor, kind=row.type, when=row.stripe_created
        )
        return outcome
    if row.type == INVOICE_PAID:
        return stripe_sync.invoice_paid(obj, key=key, actor=actor, when=row.stripe_created)
    if row.type == INVOICE_PAYMENT_FAILED:
        return stripe_sync.payment_failed(obj, key=key, actor=actor, when=row.stripe_created)
    return "ignored: unhandled type"


def checkout_completed(session: dict, fetched: dict | None, *, actor, now) -> str:
    if session.get("mode") != "subscription" or not session.get("subscription"):
        return "ignored: not a subscription checkout"
    metadata = session.get("metadata") or {}
    user_hint = stripe_sync.user_from_id(
        metadata.get("user_id") or session.get("client_reference_id")
    )
    plan_hint = stripe_sync.plan_from_id(metadata.get("plan_id"))
    if fetched is not None:
        state = read_subscription(fetched)
        key = stripe_sync.fetched_key(now)
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
    _, outcome = stripe_sync.sync_subscription(
        state,
        key=key,
        actor=actor,
        kind=CHECKOUT_COMPLETED,
        when=now,
        user_hint=user_hint,
        plan_hint=plan_hint,
    )
    return outcome
