"""A source sends a tip with a photo (no JavaScript), an editor reads and answers it
after unlocking the inbox, and the source reads the answer with the code phrase."""

import pytest
from playwright.sync_api import expect

from tests.tips.conftest import PASSPHRASE, photo_with_gps
from utgivare.tips import inbox as tip_inbox
from utgivare.tips.models import Tip

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR_PASSWORD = "redaktor-2026-lang"


def test_tip_with_photo_is_read_answered_and_the_answer_read_back(
    chromium, live_server, live_tree, django_user_model, screenshot
):
    tip_inbox.create_inbox(PASSPHRASE, retention_days=90)
    django_user_model.objects.create_superuser("mona", "mona@example.org", EDITOR_PASSWORD)
    base = live_server.url

    # 1. The source, without JavaScript, in a context of its own.
    source = chromium.new_context(locale="sv-SE", java_script_enabled=False)
    page = source.new_page()
    page.goto(base + "/tipsa/")
    page.get_by_label("Ditt tips").fill("Fakturorna från Hamnbolaget betalas två gånger.")
    page.get_by_label("Bilagor").set_input_files(
        [{"name": "IMG_4031.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}]
    )
    page.get_by_role("button", name="Skicka tipset").click()
    phrase = page.locator("[data-tip-phrase]").inner_text().strip()
    assert len(phrase.split()) == 6
    assert source.cookies() == []
    source.close()

    # 2. The editor unlocks the inbox, reads the tip and answers.
    editor = chromium.new_context(locale="sv-SE").new_page()
    editor.goto(base + "/admin/login/")
    editor.fill("input[name=username]", "mona")
    editor.fill("input[name=password]", EDITOR_PASSWORD)
    editor.get_by_role("button", name="Logga in").click()
    editor.goto(base + "/admin/tips/")
    # The tip's number is its row id, which PostgreSQL does not reuse between tests.
    (tip,) = Tip.objects.all()
    editor.get_by_role("link", name=f"Tips {tip.pk}").click()
    editor.get_by_label("Lösenfras").fill(PASSPHRASE)
    editor.get_by_role("button", name="Lås upp").click()
    expect(editor.locator(".tip-message")).to_contain_text("Hamnbolaget betalas två gånger")
    expect(editor.locator("[data-attachment]")).to_have_text("bilaga.jpg")
    expect(editor.locator(".tip-message")).to_contain_text("EXIF borttaget")
    editor.get_by_label("Svar till källan").fill(
        "Tack! Har du ett datum för den andra betalningen?"
    )
    editor.get_by_role("button", name="Svara").click()
    expect(editor.locator("[data-from=editors]")).to_contain_text("Har du ett datum")
    screenshot(editor, "tips-admin-conversation")

    # 3. The source comes back days later, from a fresh browser, with only the phrase.
    returning = chromium.new_context(locale="sv-SE", java_script_enabled=False)
    page = returning.new_page()
    page.goto(base + "/tipsa/las/")
    page.get_by_label("Din kodfras").fill(phrase)
    page.get_by_role("button", name="Öppna").click()
    expect(page.locator("[data-from=editors]")).to_contain_text("Har du ett datum")
    expect(page.locator("[data-from=source]")).to_contain_text("1 bilaga")
    assert returning.cookies() == []
    screenshot(page, "tips-source-reads-reply")
    returning.close()
