"""Operators: paywall settings and the monthly paywall report in the Wagtail admin."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission

from tests.paywall.conftest import make_user
from tests.paywall.helpers import read
from utgivare.paywall.models import PaywallEvent
from utgivare.paywall.report import MonthFigures, monthly_figures

REPORT_URL = "/admin/betalvagg/rapport/"


@pytest.fixture
def operator(db):
    return make_user(is_staff=True, is_superuser=True)


def report_rows(client):
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.th.get_text(strip=True): [int(td.get_text(strip=True)) for td in row.find_all("td")]
        for row in soup.select("table.listing:not([data-piece-report]) tbody tr")
    }


def test_report_counts_paywall_views_exhaustions_and_conversions(
    client, articles, paid_article, subscriber, operator
):
    reader = client.__class__()
    for article in articles[:4]:
        read(reader, article)
    read(reader, articles[4])
    read(reader, paid_article)
    client.force_login(operator)
    # Views: two over quota, one subscribers-only. One reader used up the quota.
    # The subscriber fixture registered one new subscription in November.
    assert report_rows(client) == {"november 2026": [3, 1, 1, 1]}


def test_report_shows_each_month_newest_first(client, operator):
    events = [("2026-10", "box_view"), ("2026-11", "conversion"), ("2026-09", "box_view")]
    for month, kind in events:
        PaywallEvent.objects.create(
            kind=kind, month=month, occurred_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
        )
    client.force_login(operator)
    assert list(report_rows(client)) == ["november 2026", "oktober 2026", "september 2026"]


def test_report_is_in_the_reports_menu(client, operator):
    client.force_login(operator)
    assert REPORT_URL in client.get("/admin/").content.decode()


def test_editor_without_the_report_permission_is_refused(client, db):
    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert REPORT_URL not in client.get("/admin/").content.decode()


def test_reader_cannot_open_the_report(client, reader):
    client.force_login(reader)
    assert client.get(REPORT_URL).status_code == 302


def test_operator_edits_paywall_settings_in_the_admin(client, operator, tree):
    client.force_login(operator)
    url = f"/admin/settings/paywall/paywallsettings/{tree['site'].pk}/"
    page = client.get(url).content.decode()
    assert "gratis artiklar per månad" in page.lower()
    assert "Du har läst dina {antal} gratis artiklar denna månad." in page


def test_monthly_figures_add_up_rows_per_month():
    rows = [
        ("2026-11", "box_view", "quota_reached", 5),
        ("2026-11", "box_view", "subscribers_only", 2),
        ("2026-11", "meter_exhausted", "metered", 4),
        ("2026-10", "conversion", "", 1),
    ]
    assert monthly_figures(rows) == [
        MonthFigures("2026-11", box_views=7, subscribers_only_views=2, exhaustions=4),
        MonthFigures("2026-10", conversions=1),
    ]


def test_report_breaks_the_month_down_per_piece_with_the_conversion_it_led_to(
    client, articles, paid_article, operator, django_capture_on_commit_callbacks
):
    from utgivare.subscriptions.lifecycle import Actor, register_manual
    from utgivare.subscriptions.models import Plan

    from .helpers import NOVEMBER

    reader = make_user()
    client.force_login(reader)
    read(client, articles[0])
    read(client, articles[0])  # a second visit is not a second counted read
    read(client, paid_article)  # meets the wall, then subscribes
    plan = Plan.objects.create(name="Helår", price_ore=119000, interval="year")
    with django_capture_on_commit_callbacks(execute=True):
        register_manual(
            user=reader,
            plan=plan,
            source="manual",
            start=dt.date(2026, 11, 10),
            end=dt.date(2027, 11, 9),
            actor=Actor("staff"),
            now=NOVEMBER,
        )
    client.force_login(operator)
    soup = BeautifulSoup(client.get(REPORT_URL + "?manad=2026-11").content, "html.parser")
    rows = {
        row.th.get_text(strip=True): [int(td.get_text(strip=True)) for td in row.find_all("td")]
        for row in soup.select("[data-piece-report] tbody tr")
    }
    # reads, walls, quota used up, conversions
    assert rows == {
        paid_article.title: [0, 1, 0, 1],
        articles[0].title: [1, 0, 0, 0],
    }


def test_dashboard_shows_what_needs_attention_today(client, operator, articles):
    from tests.comments.factories import CommentFactory

    CommentFactory(page=articles[0], status="pending")
    CommentFactory(page=articles[0], status="pending")
    CommentFactory(page=articles[1], open_reports=2)
    PaywallEvent.objects.create(
        kind="box_view", month="2026-11", occurred_at=dt.datetime(2026, 11, 3, tzinfo=dt.UTC)
    )
    client.force_login(operator)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one("[data-attention-panel]")
    lines = {li["data-attention"]: li.strong.get_text() for li in panel.select("li")}
    assert lines["Väntar på granskning"] == "2"
    assert lines["Anmälda"] == "1"
    assert lines["Schemalagda för publicering"] == "0"
    assert lines["Manuella prenumerationer som löper ut inom 30 dagar"] == "0"
    assert "Betalväggen visad" in lines
    assert panel.select_one("li.attention-list__urgent a")["href"] == "/admin/kommentarer/"
