"""What the return page after Stripe Checkout may truthfully say."""

import datetime as dt
import logging
from dataclasses import dataclass

import stripe
from django.db import transaction

from . import stripe_gateway, stripe_sync
from .choices import Status
from .entitlements import gives_access, snapshot_of
from .lifecycle import Actor
from .models import Subscription
from .stripe_objects import read_subscription, stripe_id

log = logging.getLogger(__name__)

CONFIRMED = "confirmed"
PENDING = "pending"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class CheckoutResult:
    state: str
    subscription: Subscription | None = None


def checkout_result(session_id: str, user, now: dt.datetime) -> CheckoutResult:
    """CONFIRMED only when the reader's subscription gives access now.

    Either a webhook has already applied it, or Stripe says, when asked now,
    that the subscription is active; otherwise PENDING (the payment may still
    be processing). UNKNOWN for a session that is not this reader's.
    """
    try:
        session = stripe_gateway.retrieve_checkout_session(session_id)
    except stripe.StripeError:
        log.warning("Could not retrieve checkout session %s", session_id, exc_info=True)
        return CheckoutResult(PENDING)
    if str(session.get("client_reference_id") or "") != str(user.pk):
        return CheckoutResult(UNKNOWN)
    reference = session.get("subscription")
    row = (
        Subscription.objects.filter(stripe_subscription_id=stripe_id(reference), user=user)
        .select_related("plan")
        .first()
    )
    if row is not None and gives_access(snapshot_of(row), now):
        return CheckoutResult(CONFIRMED, row)
    if isinstance(reference, dict) and session.get("status") == "complete":
        state = read_subscription(reference)
        if state.status in (Status.ACTIVE, Status.TRIALING):
            plan = stripe_sync.plan_from_id((session.get("metadata") or {}).get("plan_id"))
            with transaction.atomic():
                row, _ = stripe_sync.sync_subscription(
                    state,
                    key=stripe_sync.fetched_key(now),
                    actor=Actor("stripe:api"),
                    kind="checkout.returned",
                    when=now,
                    user_hint=user,
                    plan_hint=plan,
                )
            if gives_access(snapshot_of(row), now):
                return CheckoutResult(CONFIRMED, row)
    return CheckoutResult(PENDING, row)
