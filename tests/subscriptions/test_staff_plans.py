"""Staff edit plans in the admin; a plan people subscribed to stays on record."""

import re

import pytest

from tests.subscriptions.factories import PlanFactory, SubscriptionFactory
from tests.subscriptions.staff import staff_with
from utgivare.subscriptions.models import Plan

pytestmark = pytest.mark.django_db
URL = "/admin/prenumerationer/planer/"


@pytest.fixture
def staff(client):
    user = staff_with("add_plan", "change_plan", "delete_plan", "view_plan")
    client.force_login(user)
    return user


def test_staff_create_a_plan_with_price_interval_and_content(client, staff):
    response = client.post(
        URL + "new/",
        {
            "name": "Bara artiklar",
            "description": "Artiklarna, inget annat.",
            "price_ore": "4900",
            "interval": "month",
            "includes_articles": "on",
            "active": "on",
            "sort_order": "3",
            "stripe_price_id": "",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(name="Bara artiklar")
    assert plan.price_display == "49\u00a0kr/månad"
    assert plan.content_types == {"article"}


def test_plan_with_subscribers_cannot_be_deleted(client, staff):
    plan = SubscriptionFactory().plan
    response = client.post(f"{URL}delete/{plan.pk}/", follow=True)
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert "kan inte raderas" in response.content.decode()


def test_unused_plan_can_be_deleted(client, staff):
    plan = PlanFactory()
    client.post(f"{URL}delete/{plan.pk}/")
    assert not Plan.objects.filter(pk=plan.pk).exists()


def test_plan_list_says_when_card_payment_is_off(client, staff):
    assert "Stripe är inte konfigurerat" in client.get(URL).content.decode()


def test_plan_list_headers_and_on_sale_flag_are_in_swedish(client, staff):
    PlanFactory(name="Helår", active=True)
    PlanFactory(name="Gammal plan", active=False)
    html = client.get(URL).content.decode()
    assert "Price display" not in html
    assert re.search(r"<th[^>]*>\s*(<a[^>]*>)?\s*Pris\b", html)
    assert "True" not in html and "False" not in html
    assert re.search(r"w-status[^>]*>\s*Ja\s*<", html)
    assert re.search(r"w-status[^>]*>\s*Nej\s*<", html)
