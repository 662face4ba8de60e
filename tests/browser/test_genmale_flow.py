"""A person criticised in an article asks for a genmäle; an editor accepts and publishes it;
the original and the genmäle link to each other."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR_PASSWORD = "redaktor-2026-lang"


def test_genmale_from_request_to_published_reply_linked_both_ways(
    chromium, live_server, live_tree, django_user_model
):
    tree = live_tree
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    article = ArticlePageFactory(
        parent=tree["sections"][0], author=author, title="Hamnaffären", access_level="free"
    )
    django_user_model.objects.create_superuser("mona", "mona@example.org", EDITOR_PASSWORD)
    base = live_server.url

    person = chromium.new_context(locale="sv-SE").new_page()
    person.goto(base + article.url)
    person.get_by_role("link", name="Begär genmäle").click()
    person.get_by_label("Ditt namn").fill("Per Persson")
    person.get_by_label("Din e-postadress").fill("per@example.org")
    person.get_by_label("Ditt genmäle").fill("Jag skrev aldrig under avtalet.")
    person.get_by_role("button", name="Skicka begäran").click()
    expect(person.locator("[data-genmale-sent]")).to_be_visible()

    editor = chromium.new_context(locale="sv-SE").new_page()
    editor.goto(base + "/admin/login/")
    editor.fill("input[name=username]", "mona")
    editor.fill("input[name=password]", EDITOR_PASSWORD)
    editor.get_by_role("button", name="Logga in").click()
    editor.wait_for_url(base + "/admin/")
    editor.goto(base + "/admin/rattelser/genmale/")
    editor.get_by_role("link", name="Per Persson").click()
    editor.get_by_role("button", name="Godkänn").click()
    editor.get_by_role("button", name="Publicera genmälet").click()
    expect(editor.locator("[data-status]").first).to_have_attribute("data-status", "published")

    person.goto(base + article.url)
    person.locator("[data-genmale-reply] a").click()
    expect(person.locator("h1")).to_have_text("Genmäle: Hamnaffären")
    expect(person.locator(".piece")).to_contain_text("Jag skrev aldrig under avtalet.")
    person.locator("[data-genmale-answers] a").click()
    expect(person.locator("h1")).to_have_text("Hamnaffären")
