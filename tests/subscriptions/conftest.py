import json

import pytest

from tests.subscriptions import stripe_fakes
from utgivare.subscriptions import stripe_gateway


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_utgivare"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_utgivare"
    settings.STRIPE_WEBHOOK_SECRET = stripe_fakes.WEBHOOK_SECRET


@pytest.fixture
def fake_stripe(stripe_keys, monkeypatch):
    """Stripe's API, answered locally; `fake_stripe.requests` lists what was sent."""
    fake = stripe_fakes.FakeStripeHTTP()
    monkeypatch.setattr(stripe_gateway, "http_client", fake)
    return fake


@pytest.fixture
def deliver(client, stripe_keys):
    """POST an event to the webhook, signed like Stripe signs it."""

    def deliver(event, *, secret=stripe_fakes.WEBHOOK_SECRET, signature=None):
        body = json.dumps(event)
        return client.post(
            "/prenumerera/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature or stripe_fakes.sign(body, secret),
        )

    return deliver
