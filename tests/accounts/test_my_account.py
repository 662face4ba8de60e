"""Mitt konto: what a logged-in reader sees about themselves."""

import pytest

from tests.accounts.helpers import first_link, last_mail_to
from tests.subscriptions.factories import (
    PaymentFactory,
    PlanFactory,
    StripeSubscriptionFactory,
    SubscriptionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_subscriber_sees_plan_status_and_last_day(client):
    subscription = SubscriptionFactory(
        plan=PlanFactory(name="Helår", price_ore=119500, interval="year")
    )
    client.force_login(subscription.user)
    page = client.get("/konto/").content.decode()
    assert "Helår" in page
    assert "1\u00a0195\u00a0kr/år" in page
    assert "Status: aktiv" in page
    assert "Gäller till och med" in page
    assert "Betald mot faktura eller med Swish" in page


def test_reader_without_subscription_is_offered_one(client):
    client.force_login(UserFactory())
    page = client.get("/konto/").content.decode()
    assert "Du har ingen prenumeration just nu" in page
    assert 'href="/prenumerera/"' in page


def test_payment_history_lists_the_readers_payments_only(client):
    payment = PaymentFactory(amount_ore=11900, description="Månad", reference="Faktura 2026-014")
    PaymentFactory(amount_ore=99900)
    client.force_login(payment.user)
    page = client.get("/konto/").content.decode()
    assert "119\u00a0kr" in page
    assert "Faktura 2026-014" in page
    assert "999\u00a0kr" not in page


def test_card_subscriber_gets_the_manage_button_when_stripe_is_configured(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_utgivare"
    subscription = StripeSubscriptionFactory()
    client.force_login(subscription.user)
    page = client.get("/konto/").content.decode()
    assert "Hantera prenumeration" in page
    assert "Förnyas automatiskt" in page


def test_manual_subscriber_is_told_to_contact_the_editors_instead(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_utgivare"
    subscription = SubscriptionFactory()
    client.force_login(subscription.user)
    page = client.get("/konto/").content.decode()
    assert "Hantera prenumeration" not in page
    assert "Kontakta redaktionen" in page


def test_reader_changes_their_name(client):
    reader = UserFactory(first_name="", last_name="")
    client.force_login(reader)
    response = client.post("/konto/profil/", {"first_name": "Ada", "last_name": "Ek"})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.get_full_name() == "Ada Ek"


def test_email_change_page_is_allauths_in_the_sites_frame(client):
    client.force_login(UserFactory())
    page = client.get("/konto/email/").content.decode()
    assert 'class="site-header"' in page
    assert "← Mitt konto" in page


def test_reader_changes_email_after_confirming_the_new_address(client):
    reader = UserFactory(email="gammal@example.org")
    client.force_login(reader)
    response = client.post("/konto/email/", {"action_add": "", "email": "ny@example.org"})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.email == "gammal@example.org"  # not before the new address is confirmed
    client.post(first_link(last_mail_to("ny@example.org"), "/konto/confirm-email/"))
    reader.refresh_from_db()
    assert reader.email == "ny@example.org"
