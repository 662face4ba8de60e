"""Staff export the subscriber list as CSV, with the filters they chose."""

import csv
import io
import re

import pytest

from tests.subscriptions.factories import PlanFactory, SubscriptionFactory, UserFactory
from tests.subscriptions.staff import staff_with

pytestmark = pytest.mark.django_db
URL = "/admin/prenumerationer/prenumeranter/"


def rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def test_csv_has_one_row_per_subscription_with_readable_columns(client):
    client.force_login(staff_with("view_subscription"))
    SubscriptionFactory(
        user=UserFactory(email="lisa@example.org", first_name="Lisa", last_name="Ek"),
        plan=PlanFactory(name="Helår"),
        note="Faktura 2026-014",
    )
    response = client.get(URL, {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "prenumeranter" in response["Content-Disposition"]
    (row,) = rows(response)
    assert row["E-post"] == "lisa@example.org"
    assert row["Namn"] == "Lisa Ek"
    assert row["Plan"] == "Helår"
    assert row["Anteckning"] == "Faktura 2026-014"
    assert row["Status"] == "aktiv"
    # Stockholm time to the minute, as staff read it.
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row["Perioden slutar"])


def test_csv_follows_the_filter(client):
    client.force_login(staff_with("view_subscription"))
    SubscriptionFactory(user=UserFactory(email="aktiv@example.org"))
    SubscriptionFactory(user=UserFactory(email="uppsagd@example.org"), status="canceled")
    emails = [
        row["E-post"] for row in rows(client.get(URL, {"export": "csv", "status": "canceled"}))
    ]
    assert emails == ["uppsagd@example.org"]


def test_csv_needs_the_permission(client):
    client.force_login(staff_with())
    SubscriptionFactory(user=UserFactory(email="hemlig@example.org"))
    response = client.get(URL, {"export": "csv"})
    assert response.status_code in (302, 403)
