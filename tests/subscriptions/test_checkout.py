"""The subscribe button opens a Stripe Checkout session for the chosen plan."""

import pytest
from django.utils import timezone

from tests.subscriptions.factories import (
    PlanFactory,
    StripeSubscriptionFactory,
    SubscriptionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SESSION = {
    "id": "cs_test1",
    "object": "checkout.session",
    "url": "https://checkout.stripe.com/c/pay/cs_test1",
}


def test_subscribe_button_sends_the_reader_to_stripe_checkout(client, fake_stripe):
    reader, plan = UserFactory(), PlanFactory(name="Månad", price_ore=11900)
    fake_stripe.on("POST", "/v1/checkout/sessions", SESSION)
    client.force_login(reader)
    response = client.post(f"/prenumerera/kassa/{plan.pk}/")
    assert response.status_code == 303
    assert response["Location"] == SESSION["url"]
    (sent,) = fake_stripe.requests
    form = {key: values[0] for key, values in sent.form.items()}
    assert form["mode"] == "subscription"
    assert form["client_reference_id"] == str(reader.pk)
    assert form["customer_email"] == reader.email
    assert form["line_items[0][price_data][unit_amount]"] == "11900"
    assert form["line_items[0][price_data][currency]"] == "sek"
    assert form["line_items[0][price_data][recurring][interval]"] == "month"
    assert form["subscription_data[metadata][plan_id]"] == str(plan.pk)
    assert form["success_url"].endswith("/prenumerera/klar/?session_id={CHECKOUT_SESSION_ID}")


def test_plan_with_a_stripe_price_uses_it(client, fake_stripe):
    plan = PlanFactory(stripe_price_id="price_helar")
    fake_stripe.on("POST", "/v1/checkout/sessions", SESSION)
    client.force_login(UserFactory())
    client.post(f"/prenumerera/kassa/{plan.pk}/")
    form = fake_stripe.requests[0].form
    assert form["line_items[0][price]"] == ["price_helar"]


def test_returning_card_customer_is_checked_out_as_the_same_stripe_customer(client, fake_stripe):
    old = StripeSubscriptionFactory(
        status="expired", ended_at=timezone.now(), stripe_customer_id="cus_old"
    )
    fake_stripe.on("POST", "/v1/checkout/sessions", SESSION)
    client.force_login(old.user)
    client.post(f"/prenumerera/kassa/{PlanFactory().pk}/")
    assert fake_stripe.requests[0].form["customer"] == ["cus_old"]


def test_anonymous_reader_is_sent_to_login_first(client, fake_stripe):
    response = client.post(f"/prenumerera/kassa/{PlanFactory().pk}/")
    assert response["Location"] == "/konto/login/?next=%2Fprenumerera%2F"
    assert not fake_stripe.requests


def test_subscriber_is_not_charged_twice(client, fake_stripe):
    client.force_login(SubscriptionFactory().user)
    response = client.post(f"/prenumerera/kassa/{PlanFactory().pk}/")
    assert response["Location"] == "/konto/"
    assert not fake_stripe.requests


def test_plan_no_longer_sold_cannot_be_bought(client, fake_stripe):
    client.force_login(UserFactory())
    assert client.post(f"/prenumerera/kassa/{PlanFactory(active=False).pk}/").status_code == 404


def test_stripe_down_gives_a_message_not_an_error_page(client, fake_stripe):
    fake_stripe.on("POST", "/v1/checkout/sessions", {"error": {"message": "nope"}}, status=400)
    client.force_login(UserFactory())
    response = client.post(f"/prenumerera/kassa/{PlanFactory().pk}/", follow=True)
    assert "Betaltjänsten svarar inte just nu" in response.content.decode()


def test_without_stripe_keys_there_is_no_card_checkout(client):
    client.force_login(UserFactory())
    response = client.post(f"/prenumerera/kassa/{PlanFactory().pk}/")
    assert response["Location"] == "/prenumerera/"
