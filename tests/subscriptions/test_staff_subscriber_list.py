"""Staff see subscribers in the admin: search, filters, and only with permission."""

import pytest

from tests.subscriptions.factories import (
    PlanFactory,
    StripeSubscriptionFactory,
    SubscriptionFactory,
    UserFactory,
)
from tests.subscriptions.staff import staff_with

pytestmark = pytest.mark.django_db
URL = "/admin/prenumerationer/prenumeranter/"


@pytest.fixture
def staff(client):
    user = staff_with("view_subscription")
    client.force_login(user)
    return user


def test_subscriber_list_shows_reader_plan_and_status(client, staff):
    SubscriptionFactory(user=UserFactory(email="lisa@example.org"), plan__name="Helår")
    page = client.get(URL).content.decode()
    assert "lisa@example.org" in page
    assert "Helår" in page
    assert "aktiv" in page


def test_search_by_email_or_name(client, staff):
    SubscriptionFactory(user=UserFactory(email="lisa@example.org", first_name="Lisa"))
    SubscriptionFactory(user=UserFactory(email="olle@example.org", first_name="Olle"))
    page = client.get(URL, {"q": "olle"}).content.decode()
    assert "olle@example.org" in page
    assert "lisa@example.org" not in page


def test_filters_by_plan_status_and_source(client, staff):
    month, year = PlanFactory(name="Månad"), PlanFactory(name="Helår")
    SubscriptionFactory(user=UserFactory(email="a@example.org"), plan=month)
    SubscriptionFactory(user=UserFactory(email="b@example.org"), plan=year, status="canceled")
    StripeSubscriptionFactory(user=UserFactory(email="c@example.org"), plan=year)
    assert "a@example.org" not in client.get(URL, {"plan": year.pk}).content.decode()
    by_status = client.get(URL, {"status": "canceled"}).content.decode()
    assert "b@example.org" in by_status and "c@example.org" not in by_status
    by_source = client.get(URL, {"source": "stripe"}).content.decode()
    assert "c@example.org" in by_source and "a@example.org" not in by_source


def test_staff_without_the_permission_are_refused(client):
    client.force_login(staff_with())
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "@example.org" not in response.content.decode()


def test_readers_cannot_reach_the_admin(client):
    client.force_login(SubscriptionFactory().user)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_says_when_only_manual_subscriptions_are_sold(client, staff):
    page = client.get(URL).content.decode()
    assert "Stripe är inte konfigurerat" in page
    assert "Stripe är inte konfigurerat" not in _with_stripe(client)


def _with_stripe(client):
    from django.test import override_settings

    with override_settings(STRIPE_SECRET_KEY="sk_test_x"):
        return client.get(URL).content.decode()
