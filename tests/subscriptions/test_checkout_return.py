"""The page Stripe returns to says "active" only when the subscription is confirmed."""

import time

import pytest

from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import PlanFactory, StripeSubscriptionFactory, UserFactory
from utgivare.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


def session(reader, plan, subscription, status="complete"):
    return {
        "id": "cs_test1",
        "object": "checkout.session",
        "mode": "subscription",
        "status": status,
        "client_reference_id": str(reader.pk),
        "customer": "cus_test1",
        "subscription": subscription,
        "metadata": {"user_id": str(reader.pk), "plan_id": str(plan.pk)},
    }


def test_confirmed_when_the_webhook_has_already_activated_it(client, fake_stripe):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    fake_stripe.on(
        "GET",
        "/v1/checkout/sessions/cs_test1",
        session(subscription.user, subscription.plan, "sub_test1"),
    )
    client.force_login(subscription.user)
    page = client.get("/prenumerera/klar/?session_id=cs_test1").content.decode()
    assert "Tack! Din prenumeration är aktiv." in page


def test_confirmed_when_stripe_says_the_subscription_is_active(client, fake_stripe):
    reader, plan = UserFactory(), PlanFactory(name="Månad")
    now = int(time.time())
    active = stripe_fakes.subscription(start=now, end=now + 86400 * 30, user=reader, plan=plan)
    fake_stripe.on("GET", "/v1/checkout/sessions/cs_test1", session(reader, plan, active))
    client.force_login(reader)
    page = client.get("/prenumerera/klar/?session_id=cs_test1").content.decode()
    assert "Tack! Din prenumeration är aktiv." in page
    assert Subscription.objects.get(stripe_subscription_id="sub_test1").user == reader


def test_pending_while_the_payment_is_not_confirmed(client, fake_stripe):
    reader, plan = UserFactory(), PlanFactory()
    now = int(time.time())
    incomplete = stripe_fakes.subscription(
        start=now, end=now + 86400 * 30, status="incomplete", user=reader, plan=plan
    )
    fake_stripe.on("GET", "/v1/checkout/sessions/cs_test1", session(reader, plan, incomplete))
    client.force_login(reader)
    page = client.get("/prenumerera/klar/?session_id=cs_test1").content.decode()
    assert "Betalningen behandlas" in page
    assert "Din prenumeration är aktiv" not in page
    assert 'href="/prenumerera/klar/?session_id=cs_test1"' in page
    assert not Subscription.objects.filter(status="active").exists()


def test_pending_when_stripe_cannot_be_reached(client, fake_stripe):
    client.force_login(UserFactory())
    page = client.get("/prenumerera/klar/?session_id=cs_test1").content.decode()
    assert "Betalningen behandlas" in page


def test_another_readers_session_is_not_shown(client, fake_stripe):
    owner, plan = UserFactory(), PlanFactory()
    fake_stripe.on("GET", "/v1/checkout/sessions/cs_test1", session(owner, plan, "sub_test1"))
    client.force_login(UserFactory())
    assert client.get("/prenumerera/klar/?session_id=cs_test1").status_code == 404
