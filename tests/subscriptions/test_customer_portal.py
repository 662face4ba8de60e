"""Hantera prenumeration: card subscribers go to Stripe's customer portal."""

import pytest

from tests.subscriptions.factories import StripeSubscriptionFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_card_subscriber_is_sent_to_the_portal_for_their_customer(client, fake_stripe):
    subscription = StripeSubscriptionFactory(stripe_customer_id="cus_lisa")
    fake_stripe.on(
        "POST",
        "/v1/billing_portal/sessions",
        {
            "id": "bps_1",
            "object": "billing_portal.session",
            "url": "https://billing.stripe.com/p/session/1",
        },
    )
    client.force_login(subscription.user)
    response = client.post("/prenumerera/hantera/")
    assert response.status_code == 303
    assert response["Location"] == "https://billing.stripe.com/p/session/1"
    form = fake_stripe.requests[0].form
    assert form["customer"] == ["cus_lisa"]
    assert form["return_url"] == ["http://testserver/konto/"]


def test_manual_subscriber_has_no_portal(client, fake_stripe):
    client.force_login(SubscriptionFactory().user)
    response = client.post("/prenumerera/hantera/", follow=True)
    assert "sköts av redaktionen" in response.content.decode()
    assert not fake_stripe.requests


def test_portal_is_only_reached_by_post(client, fake_stripe):
    client.force_login(StripeSubscriptionFactory().user)
    assert client.get("/prenumerera/hantera/").status_code == 405
