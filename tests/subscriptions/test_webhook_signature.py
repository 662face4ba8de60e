"""Only events Stripe signed with our endpoint secret are accepted."""

import json
import time

import pytest

from tests.subscriptions import stripe_fakes
from utgivare.subscriptions import event_privacy
from utgivare.subscriptions.models import StripeWebhookEvent

pytestmark = pytest.mark.django_db

EVENT = stripe_fakes.event("invoice.paid", stripe_fakes.invoice(), created=1_800_000_000)


def test_event_signed_with_another_secret_is_rejected_and_not_stored(deliver):
    response = deliver(EVENT, secret="whsec_someone_else")
    assert response.status_code == 400
    assert not StripeWebhookEvent.objects.exists()


def test_event_without_signature_is_rejected(client, stripe_keys):
    response = client.post(
        "/prenumerera/stripe/webhook/", data=json.dumps(EVENT), content_type="application/json"
    )
    assert response.status_code == 400
    assert not StripeWebhookEvent.objects.exists()


def test_replayed_old_signature_is_rejected(deliver):
    old = stripe_fakes.sign(json.dumps(EVENT), timestamp=int(time.time()) - 3600)
    assert deliver(EVENT, signature=old).status_code == 400
    assert not StripeWebhookEvent.objects.exists()


def test_body_changed_after_signing_is_rejected(client, stripe_keys):
    signature = stripe_fakes.sign(json.dumps(EVENT))
    tampered = json.dumps({**EVENT, "type": "customer.subscription.deleted"})
    response = client.post(
        "/prenumerera/stripe/webhook/",
        data=tampered,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert response.status_code == 400
    assert not StripeWebhookEvent.objects.exists()


def test_correctly_signed_event_is_stored_and_acknowledged(deliver):
    assert deliver(EVENT).status_code == 200
    stored = StripeWebhookEvent.objects.get()
    assert stored.event_id == EVENT["id"]
    # Processed at once (immediate tasks), so kept without the payer's details.
    assert stored.payload == event_privacy.scrub(EVENT)


def test_webhook_is_not_there_without_stripe_configured(client):
    response = client.post(
        "/prenumerera/stripe/webhook/", data="{}", content_type="application/json"
    )
    assert response.status_code == 404
