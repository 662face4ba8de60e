"""An editor adds a correction from the page's admin menu; readers see it on the piece,
on /rattelser/, in the feed and in the piece's JSON-LD."""

import json

import pytest
from playwright.sync_api import expect

from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR_PASSWORD = "redaktor-2026-lang"


def test_correction_added_in_admin_shows_on_piece_list_feed_and_json_ld(
    chromium, live_server, live_tree, django_user_model, screenshot
):
    tree = live_tree
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    article = ArticlePageFactory(
        parent=tree["sections"][0], author=author, title="Hamnaffären", access_level="free"
    )
    django_user_model.objects.create_superuser("mona", "mona@example.org", EDITOR_PASSWORD)
    base = live_server.url

    editor = chromium.new_context(locale="sv-SE").new_page()
    editor.goto(base + "/admin/login/")
    editor.fill("input[name=username]", "mona")
    editor.fill("input[name=password]", EDITOR_PASSWORD)
    editor.get_by_role("button", name="Logga in").click()
    editor.wait_for_url(base + "/admin/")
    editor.goto(base + f"/admin/rattelser/ny/{article.pk}/")
    editor.fill("input[name=corrected_on]", "2026-11-20")
    editor.fill("textarea[name=wrong]", "Avtalet skrevs under 2018.")
    editor.fill("textarea[name=right]", "Avtalet skrevs under 2019.")
    editor.get_by_role("button", name="Publicera rättelsen").click()
    expect(editor.locator("body")).to_contain_text("Rättelsen är publicerad")

    reader = chromium.new_context(locale="sv-SE").new_page()
    reader.goto(base + article.url)
    notice = reader.locator("[data-correction-notice]")
    expect(notice).to_contain_text("Rättad 20 november 2026")
    notice.get_by_role("link").click()
    expect(reader.locator("#rattelser")).to_contain_text("Avtalet skrevs under 2019.")
    assert reader.url.endswith("#rattelser")
    data = json.loads(reader.locator('script[type="application/ld+json"]').text_content())
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert "2019" in data["correction"][0]["text"]
    screenshot(reader, "correction-on-piece")

    reader.goto(base + "/rattelser/")
    expect(reader.locator("[data-correction]").first).to_contain_text("Hamnaffären")
    feed = reader.request.get(base + "/rattelser/flode/").text()
    assert "Rättelse 20 november 2026: Hamnaffären" in feed
    site_feed = reader.request.get(base + "/flode/").text()
    assert "<category>Rättad</category>" in site_feed
