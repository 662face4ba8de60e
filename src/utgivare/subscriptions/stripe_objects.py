"""Reading Stripe's objects and events into our terms (pure: no database, no network).

Stripe sends ids or expanded objects, Unix times, and its own statuses; these
functions turn them into plain values the sync and the checkout return page use.
"""

import datetime as dt
from dataclasses import dataclass

from .choices import Status

# The events we act on.
CHECKOUT_COMPLETED = "checkout.session.completed"
SUBSCRIPTION_CREATED = "customer.subscription.created"
SUBSCRIPTION_UPDATED = "customer.subscription.updated"
SUBSCRIPTION_DELETED = "customer.subscription.deleted"
INVOICE_PAID = "invoice.paid"
INVOICE_PAYMENT_FAILED = "invoice.payment_failed"

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


def from_timestamp(value) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC) if value else None


def stripe_id(value) -> str:
    """Stripe sends either an id or an expanded object."""
    if isinstance(value, dict):
        return value.get("id") or ""
    return value or ""


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
