"""A subscriber's history: every subscription, each change and who made it, payments."""

import time

import pytest

from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import PaymentFactory, StripeSubscriptionFactory, UserFactory
from tests.subscriptions.staff import staff_with

pytestmark = pytest.mark.django_db


def test_history_shows_stripe_changes_and_payments(client, deliver):
    subscription = StripeSubscriptionFactory(
        user=UserFactory(email="lisa@example.org"), stripe_subscription_id="sub_test1"
    )
    PaymentFactory(subscription=subscription, amount_ore=11900)
    now = int(time.time())
    deliver(
        stripe_fakes.event(
            "customer.subscription.updated",
            stripe_fakes.subscription(start=now - 60, end=now + 86400, cancel_at_period_end=True),
            created=now,
        )
    )
    client.force_login(staff_with("view_subscription"))
    page = client.get(
        f"/admin/prenumerationer/prenumeranter/inspect/{subscription.pk}/"
    ).content.decode()
    assert "lisa@example.org" in page
    assert "customer.subscription.updated" in page
    assert "status: active → canceled" in page
    assert "119\u00a0kr" in page
