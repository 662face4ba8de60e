"""Each app describes on the privacy page what it stores, under the right heading.

Core draws the page and imports no app; the apps register their cookies and
facts in AppConfig.ready() (`core.privacy`).
"""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps

from utgivare.core import privacy


def sections(client):
    page = BeautifulSoup(client.get("/integritet/").content, "html.parser")
    return {
        heading.get_text(): " ".join(heading.find_next_sibling("ul").get_text(" ").split())
        for heading in page.select("main h2")
        if heading.find_next_sibling("ul") is not None
    }


def cookie_names(client):
    page = BeautifulSoup(client.get("/integritet/").content, "html.parser")
    return [code.get_text() for code in page.select("table.cookie-table code")]


def test_the_meter_cookie_comes_first_then_djangos_own(client, tree, settings):
    assert cookie_names(client) == [
        "utgivare_matare",
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    ]


def test_payment_events_are_described_under_accounts_and_comments_under_commenting(
    client, tree, settings
):
    settings.STRIPE_EVENT_RETENTION_DAYS = 12
    found = sections(client)
    account = found["När du har ett konto eller prenumererar"]
    commenting = found["När du kommenterar"]
    assert "senast efter 12 dagar" in account
    assert "IP-adress" in commenting
    assert "kommentar" not in account.lower()  # comments are described under their own heading
    assert "Betalleverantörens" not in commenting


def test_an_app_started_twice_is_described_once(client, tree):
    before = cookie_names(client), sections(client)
    for app in ("paywall", "subscriptions", "comments"):
        apps.get_app_config(app).ready()
    assert (cookie_names(client), sections(client)) == before


def test_facts_for_a_section_the_page_does_not_have_are_refused():
    with pytest.raises(ValueError):
        privacy.register_facts("podcasts", "podcasts", lambda site: ["x"])
