"""Staff register a subscriber who paid by invoice or Swish, and change it later."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from tests.subscriptions.factories import (
    PlanFactory,
    StripeSubscriptionFactory,
    SubscriptionFactory,
    UserFactory,
)
from tests.subscriptions.staff import staff_with
from utgivare.subscriptions.entitlements import for_reader
from utgivare.subscriptions.lifecycle import period_end
from utgivare.subscriptions.models import Payment, Subscription
from utgivare.subscriptions.signals import subscription_started

pytestmark = pytest.mark.django_db
ADD = "/admin/prenumerationer/prenumeranter/new/"


@pytest.fixture
def staff(client):
    user = staff_with("add_subscription", "change_subscription", "view_subscription")
    client.force_login(user)
    return user


def register(client, **overrides):
    today = timezone.localdate()
    data = {
        "email": "ny.prenumerant@example.org",
        "first_name": "Nils",
        "last_name": "Nilsson",
        "plan": PlanFactory(name="Helår").pk,
        "source": "manual",
        "start_date": today.isoformat(),
        "end_date": (today + dt.timedelta(days=364)).isoformat(),
        "note": "Faktura 2026-014, betald",
        "amount": "1 195",
    }
    data.update(overrides)
    return client.post(ADD, data)


def test_registering_a_new_address_creates_a_reader_who_can_read(
    client, staff, django_capture_on_commit_callbacks
):
    received = []

    def receiver(user, **kwargs):
        received.append(user)

    subscription_started.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = register(client)
    finally:
        subscription_started.disconnect(receiver)
    assert response.status_code == 302
    reader = get_user_model().objects.get(email="ny.prenumerant@example.org")
    assert not reader.has_usable_password()
    assert EmailAddress.objects.get(user=reader).verified
    assert for_reader(reader, timezone.now()).is_subscriber
    subscription = Subscription.objects.get(user=reader)
    event = subscription.events.get()
    assert (event.kind, event.actor, event.actor_user) == ("registered", "staff", staff)
    assert received == [reader]


def test_the_amount_paid_is_kept_as_a_payment(client, staff):
    register(client)
    payment = Payment.objects.get()
    assert (payment.amount_ore, payment.source, payment.reference) == (
        119500,
        "manual",
        "Faktura 2026-014, betald",
    )


def test_existing_reader_is_found_by_email(client, staff):
    reader = UserFactory(email="finns@example.org")
    register(client, email="Finns@Example.org")
    assert Subscription.objects.get().user == reader


def test_paid_subscription_without_end_date_runs_one_period_and_welcomes_the_reader(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, end_date="")
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    last = timezone.localdate(subscription.current_period_end - dt.timedelta(microseconds=1))
    assert last == period_end(timezone.localdate(), subscription.plan.interval)
    welcome = mail.outbox[-1]
    assert welcome.to == ["ny.prenumerant@example.org"]
    assert "Kvitto nr" in welcome.body


def test_complimentary_subscription_may_run_until_further_notice(client, staff):
    register(client, source="complimentary", end_date="", amount="")
    subscription = Subscription.objects.get()
    assert subscription.current_period_end is None
    assert for_reader(subscription.user, timezone.now() + dt.timedelta(days=3000)).is_subscriber


def test_extending_a_manual_subscription_is_recorded(client, staff):
    subscription = SubscriptionFactory()
    new_end = timezone.localdate() + dt.timedelta(days=400)
    response = client.post(
        f"/admin/prenumerationer/prenumeranter/edit/{subscription.pk}/",
        {
            "plan": subscription.plan.pk,
            "status": "active",
            "end_date": new_end.isoformat(),
            "note": "Förlängd",
        },
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert timezone.localdate(subscription.current_period_end) == new_end + dt.timedelta(days=1)
    event = subscription.events.get(kind="changed_by_staff")
    assert event.actor_user == staff
    assert "current_period_end" in {key for key, _, _ in event.changes}


def test_card_subscriptions_cannot_be_changed_here(client, staff):
    subscription = StripeSubscriptionFactory()
    response = client.get(f"/admin/prenumerationer/prenumeranter/edit/{subscription.pk}/")
    assert response.status_code in (302, 403)


def test_subscriptions_cannot_be_deleted(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    subscription = SubscriptionFactory()
    response = client.post(f"/admin/prenumerationer/prenumeranter/delete/{subscription.pk}/")
    assert response.status_code in (302, 403)
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_registering_needs_the_add_permission(client):
    client.force_login(staff_with("view_subscription"))
    response = register(client)
    assert response.status_code in (302, 403)
    assert not Subscription.objects.exists()
