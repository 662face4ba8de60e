"""A reader comments, a moderator approves in the admin, the reader replies in the thread."""

import re

import pytest
from playwright.sync_api import expect

from tests.comments.factories import comment_settings
from tests.factories import ArticlePageFactory, AuthorPageFactory
from utgivare.comments.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)

MODERATOR_PASSWORD = "moderera-mera-2026"


@pytest.fixture
def piece(live_server, live_tree, django_user_model):
    tree = live_tree
    site = tree["site"]
    # A person needs a few seconds; a test types in milliseconds.
    comment_settings(site, min_seconds_to_submit=0)
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    article = ArticlePageFactory(
        parent=tree["sections"][0], title="Hamnaffären granskas", author=author
    )
    django_user_model.objects.create_superuser(
        "mona", "mona@example.org", MODERATOR_PASSWORD, first_name="Mona"
    )
    return {"url": live_server.url + article.url, "base": live_server.url}


def write_comment(page, name, email, text):
    form = page.locator("form.comment-form")
    form.get_by_label("Namn", exact=True).fill(name)
    form.get_by_label("E-post", exact=True).fill(email)
    form.get_by_label("Kommentar", exact=True).fill(text)
    form.get_by_role("button", name="Skicka kommentar").click()


def test_comment_is_moderated_then_published_and_a_reply_nests_without_reload(
    chromium, piece, screenshot
):
    reader = chromium.new_context(locale="sv-SE").new_page()
    reader.goto(piece["url"])
    expect(reader.locator("#kommentarer-rubrik")).to_have_text("0 kommentarer")

    # 1. Post a comment: a first-time commenter is held for review.
    write_comment(reader, "Granne i Norrvik", "granne@example.org", "Vem skrev under avtalet?")
    expect(reader.locator("[data-form-status]")).to_have_text("Tack! Din kommentar granskas.")
    expect(reader.locator("[data-own-pending]")).to_contain_text("Vem skrev under avtalet?")
    expect(reader.locator("ol.comment-thread")).to_have_count(0)
    comment = Comment.objects.get()
    assert comment.status == "pending"

    # 2. Moderate it in the Wagtail admin.
    moderator = chromium.new_context(locale="sv-SE").new_page()
    moderator.goto(piece["base"] + "/admin/login/")
    moderator.fill("input[name=username]", "mona")
    moderator.fill("input[name=password]", MODERATOR_PASSWORD)
    moderator.locator("form button[type=submit]").first.click()
    moderator.goto(piece["base"] + "/admin/kommentarer/")
    row = moderator.locator(f"[data-cm-row='{comment.pk}']")
    expect(row).to_contain_text("Vem skrev under avtalet?")
    screenshot(moderator, "comments-moderation-queue")
    row.get_by_role("button", name="Godkänn").click()
    expect(moderator.locator(f"[data-cm-row='{comment.pk}']")).to_have_count(0)

    # 3. The comment is published.
    reader.goto(piece["url"])
    expect(reader.locator("#kommentarer-rubrik")).to_have_text("1 kommentar")
    published = reader.locator(f"#kommentar-{comment.pk}")
    expect(published).to_contain_text("Vem skrev under avtalet?")

    # 4. Reply to it: the form moves under the comment and posting does not reload.
    reader.evaluate("window.__sameDocument = true")
    published.get_by_role("link", name="Svara").click()
    expect(published.locator("form.comment-form")).to_be_visible()
    expect(reader.locator("[data-form-title]")).to_have_text("Svara Granne i Norrvik")
    write_comment(reader, "Granne i Norrvik", "granne@example.org", "Svar: kommunstyrelsen.")
    reply = published.locator("ol.comment-replies > li.comment")
    expect(reply).to_contain_text("Svar: kommunstyrelsen.")
    expect(reader.locator("#kommentarer-rubrik")).to_have_text("2 kommentarer")
    assert reader.evaluate("window.__sameDocument") is True
    assert re.search(r"/$", reader.url)

    # 5. The nesting is there for the next reader too.
    reader.reload()
    expect(
        reader.locator(f"#kommentar-{comment.pk} > ol.comment-replies > li.comment")
    ).to_contain_text("Svar: kommunstyrelsen.")
    screenshot(reader, "comments-thread")

    # 6. A new commenter's reply is held, yet lands under the comment it answers;
    #    a refusal before it is said once, not twice.
    published = reader.locator(f"#kommentar-{comment.pk}")
    published.get_by_role("link", name="Svara").first.click()
    form = published.locator("form.comment-form")
    form.get_by_label("E-post", exact=True).evaluate("field => field.removeAttribute('required')")
    write_comment(reader, "Ny granne", "", "Jag undrar också.")
    expect(reader.get_by_text("Skriv din e-postadress. Den publiceras inte.")).to_have_count(1)
    write_comment(reader, "Ny granne", "ny@example.org", "Jag undrar också.")
    held = reader.locator(f"#kommentar-{comment.pk} > ol.comment-replies > li.comment--pending")
    expect(held).to_contain_text("Jag undrar också.")
    expect(held).to_contain_text("Väntar på granskning")
    expect(reader.locator("[data-own-pending]")).to_have_count(0)


def test_commenting_and_replying_work_without_javascript(chromium, piece):
    from tests.comments.factories import CommentFactory
    from utgivare.publication.models import ArticlePage

    article = ArticlePage.objects.get()
    first = CommentFactory(page=article, author_name="Anna", text="Första kommentaren.")
    page = chromium.new_context(java_script_enabled=False, locale="sv-SE").new_page()
    page.goto(piece["url"])
    page.locator(f"#kommentar-{first.pk}").get_by_role("link", name="Svara").click()
    assert f"svara={first.pk}" in page.url
    form = page.locator(f"#kommentar-{first.pk} form.comment-form")
    expect(form).to_be_visible()
    write_comment(page, "Bertil", "bertil@example.org", "Svar utan JavaScript.")
    expect(page.locator(".messages")).to_contain_text("Tack! Din kommentar granskas.")
    reply = Comment.objects.get(author_name="Bertil")
    assert reply.parent_id == first.pk and reply.status == "pending"


def test_moderator_can_work_the_queue_with_the_keyboard(chromium, piece):
    from tests.comments.factories import CommentFactory
    from utgivare.publication.models import ArticlePage

    article = ArticlePage.objects.get()
    first = CommentFactory(page=article, status="pending", text="Första i kön.")
    second = CommentFactory(page=article, status="pending", text="Andra i kön.")
    page = chromium.new_context(locale="sv-SE").new_page()
    page.goto(piece["base"] + "/admin/login/")
    page.fill("input[name=username]", "mona")
    page.fill("input[name=password]", MODERATOR_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.goto(piece["base"] + "/admin/kommentarer/")
    expect(page.locator("[data-cm-queue][data-cm-keys-ready]")).to_have_count(1)
    # j moves to the first comment, j again to the second; s marks it as spam.
    page.keyboard.press("j")
    expect(page.locator(f"[data-cm-row='{first.pk}']")).to_be_focused()
    page.keyboard.press("j")
    expect(page.locator(f"[data-cm-row='{second.pk}']")).to_be_focused()
    page.keyboard.press("s")
    expect(page.locator(f"[data-cm-row='{second.pk}']")).to_have_count(0)
    # Then approve the first with a, after moving to it (once the shortcuts are ready).
    expect(page.locator("[data-cm-queue][data-cm-keys-ready]")).to_have_count(1)
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator("[data-cm-row]")).to_have_count(0)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "spam")


def test_moderating_on_a_phone(chromium, piece, screenshot):
    """At 360 px each comment is a card with its buttons on screen, large enough to tap."""
    from tests.comments.factories import CommentFactory
    from utgivare.publication.models import ArticlePage

    article = ArticlePage.objects.get()
    held = CommentFactory(
        page=article,
        status="pending",
        author_name="Anna",
        text="Ett långt inlägg om hamnen " * 12,
        held_reasons=["first_comment"],
    )
    page = chromium.new_context(
        locale="sv-SE", viewport={"width": 360, "height": 740}, has_touch=True
    ).new_page()
    page.goto(piece["base"] + "/admin/login/")
    page.fill("input[name=username]", "mona")
    page.fill("input[name=password]", MODERATOR_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.goto(piece["base"] + "/admin/kommentarer/")
    card = page.locator(f"[data-cm-row='{held.pk}']")
    expect(card).to_contain_text("Första kommentaren från den här adressen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    approve = card.get_by_role("button", name="Godkänn")
    approve.scroll_into_view_if_needed()
    box = approve.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["height"] >= 24 and box["width"] >= 24
    screenshot(page, "comments-moderation-phone")
    approve.tap()
    expect(page.get_by_text("Kommentaren av Anna är godkänd.")).to_be_visible()
    expect(page.locator(f"[data-cm-row='{held.pk}']")).to_have_count(0)
    page.goto(piece["base"] + "/admin/kommentarer/historik/")
    expect(page.locator("[data-cm-event=approved]").first).to_contain_text("Godkänd av Mona")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
