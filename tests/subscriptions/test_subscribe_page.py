"""/prenumerera/: the plans on sale, and how to buy one."""

import pytest

from tests.subscriptions.factories import PlanFactory, SubscriptionFactory, UserFactory
from utgivare.core.models import ImprintSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    return (
        PlanFactory(name="Månad", price_ore=11900, interval="month"),
        PlanFactory(name="Helår", price_ore=119500, interval="year"),
        PlanFactory(name="Gamla planen", active=False),
    )


def test_plans_on_sale_are_listed_with_swedish_prices(client, plans, tree):
    page = client.get("/prenumerera/").content.decode()
    assert "119\u00a0kr/månad" in page
    assert "1\u00a0195\u00a0kr/år" in page
    assert "Gamla planen" not in page


def test_without_stripe_the_page_explains_how_to_subscribe_by_invoice(client, plans, tree):
    imprint = ImprintSettings.for_site(tree["site"])
    imprint.contact_email = "prenumeration@example.org"
    imprint.save()
    page = client.get("/prenumerera/").content.decode()
    assert "Betalning med kort på webbplatsen är inte öppen ännu" in page
    assert "mailto:prenumeration@example.org" in page
    assert "/prenumerera/kassa/" not in page


def test_logged_in_reader_gets_a_subscribe_button_per_plan(client, plans, stripe_keys, tree):
    client.force_login(UserFactory())
    page = client.get("/prenumerera/").content.decode()
    assert f'action="/prenumerera/kassa/{plans[0].pk}/"' in page
    assert "Prenumerera på Helår" in page


def test_anonymous_reader_is_asked_to_create_an_account_first(client, plans, stripe_keys, tree):
    page = client.get("/prenumerera/").content.decode()
    assert "/konto/signup/?next=%2Fprenumerera%2F" in page
    assert "/prenumerera/kassa/" not in page


def test_subscriber_is_told_they_already_subscribe(client, plans, stripe_keys, tree):
    client.force_login(SubscriptionFactory().user)
    page = client.get("/prenumerera/").content.decode()
    assert "Du är redan prenumerant" in page
    assert "/prenumerera/kassa/" not in page
