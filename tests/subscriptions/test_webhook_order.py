"""Events can arrive out of order; an older event never overwrites newer state."""

import itertools
import time

import pytest
from django.utils import timezone

from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import PlanFactory, UserFactory
from utgivare.subscriptions import webhooks
from utgivare.subscriptions.entitlements import for_reader
from utgivare.subscriptions.models import StripeWebhookEvent, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return UserFactory()


@pytest.fixture
def plan():
    return PlanFactory(name="Månad")


def test_late_creation_event_does_not_undo_a_cancellation(deliver, reader, plan):
    now = int(time.time())
    period = {"start": now - 3600, "end": now + 86400 * 30, "user": reader, "plan": plan}
    created = stripe_fakes.event(
        "customer.subscription.created", stripe_fakes.subscription(**period), created=now - 60
    )
    canceled = stripe_fakes.event(
        "customer.subscription.updated",
        stripe_fakes.subscription(**period, cancel_at_period_end=True),
        created=now,
    )
    deliver(canceled)
    deliver(created)
    subscription = Subscription.objects.get(stripe_subscription_id="sub_test1")
    assert subscription.status == "canceled"
    assert StripeWebhookEvent.objects.get(event_id=created["id"]).outcome == "stale"


def test_late_update_does_not_bring_back_a_deleted_subscription(deliver, reader, plan):
    now = int(time.time())
    period = {"start": now - 86400 * 40, "end": now - 86400 * 10, "user": reader, "plan": plan}
    updated = stripe_fakes.event(
        "customer.subscription.updated", stripe_fakes.subscription(**period), created=now - 120
    )
    deleted = stripe_fakes.event(
        "customer.subscription.deleted",
        stripe_fakes.subscription(**period, status="canceled", ended_at=now - 86400 * 10),
        created=now,
    )
    deliver(deleted)
    deliver(updated)
    assert Subscription.objects.get().status == "expired"
    assert not for_reader(reader, timezone.now()).is_subscriber


def test_events_in_order_are_all_applied(deliver, reader, plan):
    now = int(time.time())
    period = {"start": now - 3600, "end": now + 86400 * 30, "user": reader, "plan": plan}
    deliver(
        stripe_fakes.event(
            "customer.subscription.created",
            stripe_fakes.subscription(**period, status="incomplete"),
            created=now - 60,
        )
    )
    assert not for_reader(reader, timezone.now()).is_subscriber
    deliver(
        stripe_fakes.event(
            "customer.subscription.updated", stripe_fakes.subscription(**period), created=now
        )
    )
    assert for_reader(reader, timezone.now()).is_subscriber


def test_creation_and_update_in_the_same_second_end_in_the_update(deliver, reader, plan):
    now = int(time.time())
    period = {"start": now - 3600, "end": now + 86400 * 30, "user": reader, "plan": plan}
    deliver(
        stripe_fakes.event(
            "customer.subscription.updated", stripe_fakes.subscription(**period), created=now
        )
    )
    deliver(
        stripe_fakes.event(
            "customer.subscription.created",
            stripe_fakes.subscription(**period, status="incomplete"),
            created=now,
        )
    )
    assert Subscription.objects.get().status == "active"


def test_every_delivery_order_ends_in_the_newest_state(reader, plan):
    now = int(time.time())
    for n, order in enumerate(itertools.permutations(range(4))):
        sub_id = f"sub_perm{n}"
        period = {"start": now - 3600, "end": now + 86400 * 30, "user": reader, "plan": plan}
        history = [
            ("customer.subscription.created", {"status": "incomplete"}),
            ("customer.subscription.updated", {}),
            ("customer.subscription.updated", {"cancel_at_period_end": True}),
            ("customer.subscription.deleted", {"status": "canceled", "ended_at": now}),
        ]
        events = [
            stripe_fakes.event(
                kind,
                stripe_fakes.subscription(sub_id, **period, **changes),
                created=now - 30 + 10 * i,
            )
            for i, (kind, changes) in enumerate(history)
        ]
        for i in order:
            row, _ = webhooks.store(events[i])
            webhooks.process(row.pk)
        final = Subscription.objects.get(stripe_subscription_id=sub_id)
        assert final.status == "expired", order
