"""The reader's subscriptions and payments in "download my data" and "delete my account".

Payments are bookkeeping records (bokföringslagen: seven years): on deletion
they are kept with the reader's name, e-mail and account link removed.
Stored Stripe events about the reader are listed with the personal fields they
still hold and why; on deletion those fields are scrubbed (event_privacy.py).
"""

from django.utils import timezone

from . import event_privacy, stripe_gateway
from .choices import Source, Status
from .entitlements import gives_access, snapshot_of
from .lifecycle import Actor, save_change
from .models import Order, Payment, Subscription, SubscriptionEvent


def _iso(value):
    return value.isoformat() if value else None


def _stripe_events(user):
    """Stored Stripe events about the reader (before their subscriptions are
    unlinked from their Stripe customer)."""
    stripe_ids = Subscription.objects.filter(user=user).values_list(
        "stripe_customer_id", "stripe_subscription_id"
    )
    return event_privacy.events_tied_to(
        user_id=user.pk,
        customer_ids={customer for customer, _ in stripe_ids},
        subscription_ids={subscription for _, subscription in stripe_ids},
    )


def export(user) -> dict:
    subscriptions = Subscription.objects.filter(user=user).select_related("plan")
    return {
        "subscriptions": [
            {
                "plan": sub.plan.name,
                "status": sub.status,
                "source": sub.source,
                "current_period_start": _iso(sub.current_period_start),
                "current_period_end": _iso(sub.current_period_end),
                "started_at": _iso(sub.started_at),
                "ended_at": _iso(sub.ended_at),
                "note": sub.note,
                "events": [
                    {
                        "at": _iso(event.created_at),
                        "kind": event.kind,
                        "by": event.actor,
                        "before": event.before,
                        "after": event.after,
                    }
                    for event in sub.events.all()
                ],
            }
            for sub in subscriptions
        ],
        "payments": [
            {
                "paid_at": _iso(payment.paid_at),
                "amount_ore": payment.amount_ore,
                "currency": payment.currency,
                "description": payment.description,
                "payer_name": payment.payer_name,
                "payer_email": payment.payer_email,
                "reference": payment.reference,
            }
            for payment in Payment.objects.filter(user=user)
        ],
        "orders": [
            {
                "ordered_at": _iso(order.created_at),
                "plan": order.plan.name,
                "name": order.name,
                "address": order.address,
                "payment_method": order.payment_method,
                "status": order.status,
            }
            for order in Order.objects.filter(user=user).select_related("plan")
        ],
        "stripe_events": [
            event_privacy.export_entry(row)
            for row in _stripe_events(user).order_by("stripe_created", "pk")
        ],
    }


def erase(user) -> None:
    """End the reader's subscriptions and anonymise what bookkeeping keeps."""
    now = timezone.now()
    for row in _stripe_events(user).select_for_update():
        event_privacy.scrub_row(row, now=now)
    for sub in Subscription.objects.select_for_update().filter(user=user).select_related("plan"):
        live = sub.status not in (Status.EXPIRED, Status.INCOMPLETE)
        if sub.source == Source.STRIPE and live and stripe_gateway.is_configured():
            # Stop the card being charged; a failure here aborts the deletion.
            stripe_gateway.cancel_subscription(sub.stripe_subscription_id)
        before = sub.state()
        if live or gives_access(snapshot_of(sub), now):
            sub.status = Status.EXPIRED
            sub.ended_at = now
            sub.grace_until = None
        sub.user = None
        sub.note = ""
        sub.stripe_customer_id = ""
        save_change(sub, before=before, actor=Actor("reader"), kind="account_deleted", when=now)
    SubscriptionEvent.objects.filter(subscription__user=None, actor_user=user).update(
        actor_user=None
    )
    Payment.objects.filter(user=user).update(
        user=None, payer_name="", payer_email="", anonymised_at=now
    )
    # The order's name and address served the invoice; nothing of them is kept.
    Order.objects.filter(user=user).update(user=None, name="", address="")
