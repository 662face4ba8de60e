"""Without Stripe, a reader orders by Swish on a phone and staff mark it paid: the
reader then reads a subscribers-only article in full."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import ArticlePageFactory
from tests.subscriptions.factories import PlanFactory, UserFactory
from utgivare.subscriptions.models import OrderSettings

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "ett-langt-losenord-42"


def log_in(page, base, path, username_field, username, button="form button[type=submit]"):
    page.goto(base + path)
    page.fill(f"input[name={username_field}]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator(button).first.click()


def test_reader_orders_by_swish_and_becomes_a_subscriber(chromium, live_server, live_tree):
    tree = live_tree
    OrderSettings.objects.create(site=tree["site"], swish_number="123 456 78 90")
    PlanFactory(name="Digital", price_ore=11900)
    UserFactory(email="lasare@example.org", password=PASSWORD)
    get_user_model().objects.create_superuser("kassan", "k@example.org", PASSWORD)
    locked = ArticlePageFactory(
        parent=tree["sections"][0], title="Bara för prenumeranter", access_level="subscribers"
    )
    base = live_server.url

    phone = chromium.new_context(viewport={"width": 360, "height": 780}, locale="sv-SE")
    reader = phone.new_page()
    log_in(reader, base, "/konto/login/", "login", "lasare@example.org", "main form button")
    reader.wait_for_url(lambda url: "/konto/login/" not in url)
    reader.goto(base + "/prenumerera/")
    reader.get_by_role("link", name="Beställ med faktura eller Swish").click()
    reader.get_by_label("Digital").check()
    reader.get_by_label("Namn").fill("Lisa Läsare")
    reader.get_by_label("Postadress").fill("Storgatan 1\n123 45 Norrvik")
    reader.get_by_label("Swish").check()
    reader.get_by_role("button", name="Skicka beställningen").click()
    expect(reader.locator("main")).to_contain_text("till 123 456 78 90")

    staff = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    desk = staff.new_page()
    log_in(desk, base, "/admin/login/", "username", "kassan")
    desk.wait_for_url(base + "/admin/")
    desk.goto(base + "/admin/prenumerationer/bestallningar/")
    desk.get_by_role("button", name="Markera som betald").click()
    expect(desk.get_by_text("Lisa Läsare är nu prenumerant.")).to_be_visible()

    reader.goto(base + locked.url)
    expect(reader.locator(".paywall-box")).to_have_count(0)
    expect(reader.locator(".body")).to_contain_text("Tredje stycket")
    phone.close()
    staff.close()
