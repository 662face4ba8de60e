"""Event types we do not handle are acknowledged, kept, logged and otherwise ignored."""

import logging
import time

import pytest

from tests.subscriptions import stripe_fakes
from utgivare.subscriptions.models import StripeWebhookEvent, Subscription

pytestmark = pytest.mark.django_db


def test_unhandled_event_type_is_acknowledged_and_ignored(deliver, caplog):
    unknown = stripe_fakes.event(
        "customer.tax_id.created", {"id": "txi_1", "object": "tax_id"}, created=int(time.time())
    )
    with caplog.at_level(logging.INFO, logger="utgivare.subscriptions.webhooks"):
        response = deliver(unknown)
    assert response.status_code == 200
    stored = StripeWebhookEvent.objects.get(event_id=unknown["id"])
    assert stored.processed_at is not None
    assert stored.outcome.startswith("ignored")
    assert not Subscription.objects.exists()
    assert any(unknown["id"] in record.getMessage() for record in caplog.records)
