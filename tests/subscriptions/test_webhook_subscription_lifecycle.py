"""A card subscription's life as Stripe reports it, and what the reader notices."""

import datetime as dt
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import PlanFactory, StripeSubscriptionFactory, UserFactory
from utgivare.subscriptions.entitlements import for_reader
from utgivare.subscriptions.models import Payment, StripeWebhookEvent, Subscription
from utgivare.subscriptions.signals import subscription_started

pytestmark = pytest.mark.django_db


@pytest.fixture
def started():
    received = []

    def receiver(sender, user, subscription, when, **kwargs):
        received.append((user, subscription.pk, when))

    subscription_started.connect(receiver)
    yield received
    subscription_started.disconnect(receiver)


def test_completed_checkout_makes_the_reader_a_subscriber(
    deliver, fake_stripe, started, django_capture_on_commit_callbacks
):
    reader, plan = UserFactory(), PlanFactory(name="Månad")
    now = int(time.time())
    fake_stripe.on(
        "GET",
        "/v1/subscriptions/sub_test1",
        stripe_fakes.subscription(start=now - 10, end=now + 86400 * 30, user=reader, plan=plan),
    )
    session = {
        "id": "cs_test1",
        "object": "checkout.session",
        "mode": "subscription",
        "status": "complete",
        "client_reference_id": str(reader.pk),
        "customer": "cus_test1",
        "subscription": "sub_test1",
        "metadata": {"user_id": str(reader.pk), "plan_id": str(plan.pk)},
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(stripe_fakes.event("checkout.session.completed", session, created=now))
    assert response.status_code == 200
    subscription = Subscription.objects.get(stripe_subscription_id="sub_test1")
    assert (subscription.user, subscription.plan, subscription.status) == (reader, plan, "active")
    assert subscription.stripe_customer_id == "cus_test1"
    assert for_reader(reader, timezone.now()).is_subscriber
    assert [(user, pk) for user, pk, _ in started] == [(reader, subscription.pk)]


def test_failed_renewal_gives_a_grace_period_then_payment_restores(deliver):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    now = int(time.time())
    deliver(
        stripe_fakes.event(
            "invoice.payment_failed", stripe_fakes.invoice(sub_id="sub_test1"), created=now - 60
        )
    )
    subscription.refresh_from_db()
    assert subscription.status == "past_due"
    assert subscription.grace_until > timezone.now() + dt.timedelta(days=6)
    assert for_reader(subscription.user, timezone.now()).is_subscriber
    assert not for_reader(subscription.user, timezone.now() + dt.timedelta(days=8)).is_subscriber

    deliver(
        stripe_fakes.event(
            "invoice.paid", stripe_fakes.invoice("in_test2", sub_id="sub_test1"), created=now
        )
    )
    subscription.refresh_from_db()
    assert subscription.status == "active"
    assert subscription.grace_until is None
    assert Payment.objects.get().amount_ore == 11900


def test_deleted_subscription_ends_access(deliver):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    now = int(time.time())
    deliver(
        stripe_fakes.event(
            "customer.subscription.deleted",
            stripe_fakes.subscription(
                start=now - 86400, end=now + 86400, status="canceled", ended_at=now - 5
            ),
            created=now,
        )
    )
    subscription.refresh_from_db()
    assert subscription.status == "expired"
    assert not for_reader(subscription.user, timezone.now()).is_subscriber
    assert subscription.events.filter(kind="customer.subscription.deleted").exists()


def test_invoice_paid_before_the_subscription_is_known_is_linked_later(deliver):
    reader, plan = UserFactory(), PlanFactory()
    now = int(time.time())
    deliver(stripe_fakes.event("invoice.paid", stripe_fakes.invoice(), created=now - 5))
    payment = Payment.objects.get()
    assert payment.subscription is None
    deliver(
        stripe_fakes.event(
            "customer.subscription.created",
            stripe_fakes.subscription(start=now - 5, end=now + 86400 * 30, user=reader, plan=plan),
            created=now,
        )
    )
    payment.refresh_from_db()
    assert payment.subscription.user == reader
    assert payment.user == reader


def test_event_that_fails_is_kept_and_applied_by_the_retry_command(deliver):
    now = int(time.time())
    stranger_plan = PlanFactory()
    # Names a reader who does not exist yet: processing fails, the event is kept.
    created = stripe_fakes.subscription(start=now, end=now + 86400 * 30, plan=stranger_plan)
    created["metadata"]["user_id"] = "999999"
    assert (
        deliver(
            stripe_fakes.event("customer.subscription.created", created, created=now)
        ).status_code
        == 200
    )
    stored = StripeWebhookEvent.objects.get()
    assert stored.processed_at is None
    assert "UnknownReader" in stored.error

    UserFactory(id=999999)
    call_command("process_stripe_events", stdout=open("/dev/null", "w"))  # noqa: SIM115
    stored.refresh_from_db()
    assert stored.processed_at is not None
    assert Subscription.objects.get().user_id == 999999
