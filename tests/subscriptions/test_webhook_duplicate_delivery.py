"""Stripe may deliver an event more than once; the second delivery changes nothing."""

import time

import pytest

from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import StripeSubscriptionFactory
from utgivare.subscriptions.models import Payment, StripeWebhookEvent, SubscriptionEvent

pytestmark = pytest.mark.django_db


def test_invoice_delivered_twice_is_one_payment(deliver):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    paid = stripe_fakes.event(
        "invoice.paid", stripe_fakes.invoice(sub_id="sub_test1"), created=int(time.time())
    )
    assert deliver(paid).status_code == 200
    assert deliver(paid).status_code == 200
    assert Payment.objects.filter(subscription=subscription).count() == 1
    assert StripeWebhookEvent.objects.count() == 1


def test_cancellation_delivered_twice_is_recorded_once(deliver):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    now = int(time.time())
    canceled = stripe_fakes.event(
        "customer.subscription.updated",
        stripe_fakes.subscription(
            start=now - 86400, end=now + 86400 * 29, cancel_at_period_end=True
        ),
        created=now,
    )
    deliver(canceled)
    deliver(canceled)
    subscription.refresh_from_db()
    assert subscription.status == "canceled"
    assert SubscriptionEvent.objects.filter(kind="customer.subscription.updated").count() == 1
