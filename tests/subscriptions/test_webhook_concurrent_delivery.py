"""Two deliveries of the same event at the same moment store and apply it once."""

import io
import json
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import StripeSubscriptionFactory
from utgivare.subscriptions.models import Payment, StripeWebhookEvent


@pytest.mark.django_db(transaction=True)
def test_same_event_delivered_concurrently_is_one_payment(stripe_keys):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    paid = stripe_fakes.event(
        "invoice.paid", stripe_fakes.invoice(sub_id="sub_test1"), created=int(time.time())
    )
    body = json.dumps(paid)
    barrier = threading.Barrier(2)
    statuses = []

    def deliver():
        try:
            barrier.wait(timeout=10)
            response = Client().post(
                "/prenumerera/stripe/webhook/",
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=stripe_fakes.sign(body),
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Each delivery is either acknowledged (200) or refused as busy (503, and
    # Stripe delivers again); never acknowledged without being stored.
    assert len(statuses) == 2
    assert set(statuses) <= {200, 503}
    assert 200 in statuses
    assert StripeWebhookEvent.objects.filter(event_id=paid["id"]).count() == 1
    # SQLite may refuse the loser's processing as busy; the stored event is then
    # applied by the retry command, which must not apply it a second time.
    call_command("process_stripe_events", stdout=io.StringIO())
    assert Payment.objects.filter(subscription=subscription).count() == 1
