"""Radera mitt konto: personal data goes, bookkeeping stays, anonymised."""

import pytest
from django.contrib.auth import get_user_model

from tests.accounts.helpers import last_mail_to, login_code
from tests.subscriptions.factories import (
    PASSWORD,
    PaymentFactory,
    StripeSubscriptionFactory,
    SubscriptionFactory,
    UserFactory,
)
from utgivare.subscriptions.models import Payment, Subscription

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_deletion_page_says_what_is_kept_for_bookkeeping(client):
    client.force_login(UserFactory())
    page = client.get("/konto/radera/").content.decode()
    assert "bokföringslagen" in page
    assert "sju år" in page


def test_wrong_password_deletes_nothing(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.post("/konto/radera/", {"password": "fel", "confirm": "on"})
    assert response.status_code == 200
    assert "Fel lösenord" in response.content.decode()
    assert User.objects.filter(pk=reader.pk).exists()


def test_deletion_needs_the_confirmation_box(client):
    reader = UserFactory()
    client.force_login(reader)
    client.post("/konto/radera/", {"password": PASSWORD})
    assert User.objects.filter(pk=reader.pk).exists()


def test_deleted_reader_is_gone_and_logged_out(client):
    reader = UserFactory(email="borta@example.org")
    client.force_login(reader)
    response = client.post("/konto/radera/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="borta@example.org").exists()
    assert "_auth_user_id" not in client.session


def test_payments_are_kept_without_name_email_or_account(client):
    payment = PaymentFactory(amount_ore=119500, payer_name="Lisa Läsare", reference="F-7")
    client.force_login(payment.user)
    client.post("/konto/radera/", {"password": PASSWORD, "confirm": "on"})
    kept = Payment.objects.get(pk=payment.pk)
    assert (kept.amount_ore, kept.reference, kept.paid_at) == (119500, "F-7", payment.paid_at)
    assert (kept.user, kept.payer_name, kept.payer_email) == (None, "", "")
    assert kept.anonymised_at is not None


def test_subscription_ends_and_loses_its_link_to_the_reader(client):
    subscription = SubscriptionFactory(note="Faktura till Lisa, Storgatan 1")
    client.force_login(subscription.user)
    client.post("/konto/radera/", {"password": PASSWORD, "confirm": "on"})
    subscription = Subscription.objects.get(pk=subscription.pk)
    assert subscription.user is None
    assert subscription.status == "expired"
    assert subscription.note == ""
    assert subscription.events.filter(kind="account_deleted").exists()


def test_card_subscription_is_stopped_at_stripe(client, fake_stripe):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test9")
    fake_stripe.on(
        "DELETE",
        "/v1/subscriptions/sub_test9",
        {"id": "sub_test9", "object": "subscription", "status": "canceled"},
    )
    client.force_login(subscription.user)
    client.post("/konto/radera/", {"password": PASSWORD, "confirm": "on"})
    assert [(r.method, r.path) for r in fake_stripe.requests] == [
        ("DELETE", "/v1/subscriptions/sub_test9")
    ]
    assert not User.objects.filter(pk=subscription.user_id).exists()


def test_account_is_kept_when_stripe_cannot_stop_the_card(client, fake_stripe):
    subscription = StripeSubscriptionFactory(stripe_subscription_id="sub_test9")
    # No route: the fake answers 404, as Stripe would for an unknown id.
    client.force_login(subscription.user)
    response = client.post("/konto/radera/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert User.objects.filter(pk=subscription.user_id).exists()
    assert Subscription.objects.get(pk=subscription.pk).user_id == subscription.user_id


def test_reader_without_password_must_have_signed_in_just_now(client):
    reader = UserFactory()
    reader.set_unusable_password()
    reader.save()
    client.force_login(reader)
    page = client.get("/konto/radera/").content.decode()
    assert "logga in på nytt" in page
    client.post("/konto/radera/", {"confirm": "on"})
    assert User.objects.filter(pk=reader.pk).exists()


def test_reader_without_password_deletes_right_after_a_code_login(client):
    reader = UserFactory(email="kod@example.org")
    reader.set_unusable_password()
    reader.save()
    client.post("/konto/login/code/", {"email": "kod@example.org"})
    client.post("/konto/login/code/confirm/", {"code": login_code(last_mail_to("kod@example.org"))})
    client.post("/konto/radera/", {"confirm": "on"})
    assert not User.objects.filter(pk=reader.pk).exists()
