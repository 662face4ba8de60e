"""The figures page: only for staff allowed to see revenue."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.subscriptions.factories import PlanFactory, SubscriptionFactory, UserFactory
from tests.subscriptions.staff import staff_with

pytestmark = pytest.mark.django_db
URL = "/admin/prenumerationer/nyckeltal/"


def test_figures_show_subscribers_and_monthly_revenue(client):
    SubscriptionFactory(plan=PlanFactory(name="Månad", price_ore=11900, interval="month"))
    SubscriptionFactory(plan=PlanFactory(name="Helår", price_ore=119500, interval="year"))
    SubscriptionFactory(
        source="complimentary", plan=PlanFactory(name="Press", price_ore=0, interval="year")
    )
    SubscriptionFactory(
        current_period_start=timezone.now() - dt.timedelta(days=90),
        current_period_end=timezone.now() - dt.timedelta(days=50),
    )
    client.force_login(staff_with("view_figures"))
    response = client.get(URL)
    figures = response.context["figures"]
    assert figures.active_subscribers == 3
    assert figures.mrr_ore == 21858
    page = response.content.decode()
    assert "218,58\u00a0kr" in page
    assert "Helår" in page


def test_figures_need_their_own_permission(client):
    client.force_login(staff_with("view_subscription"))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "figures" not in (response.context or {})


def test_readers_cannot_see_figures(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code in (302, 403)
