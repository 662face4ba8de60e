"""A reader opens the home page, follows the latest issue, and reads an article."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    IssuePageFactory,
    article_body,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def magazine(live_server, live_tree):
    tree = live_tree
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    issue = IssuePageFactory(
        parent=tree["issues"], number=180, slug="180", title="Hamnen", cover_image=ImageFactory()
    )
    article = ArticlePageFactory(
        parent=tree["sections"][0],
        title="Hamnaffären granskas",
        author=author,
        issue=issue,
        access_level="free",
        hero_image=ImageFactory(),
        hero_caption="Kajen i oktober.",
        hero_photographer="Ada Fotograf",
        body=article_body(
            "Revisorerna riktar skarp kritik mot markaffären i hamnen.",
            "Ordföranden svarar att allt gått rätt till.",
            heading="Vad handlingarna visar",
            quote="Beslutet saknar stöd i delegationsordningen.",
        ),
    )
    return {"url": live_server.url, "article": article}


def test_reader_follows_home_to_issue_to_article(browser_page, magazine, screenshot):
    page = browser_page
    page.goto(magazine["url"] + "/")
    page.get_by_role("link", name=re.compile("#180")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("#180 – Hamnen")

    page.get_by_role("link", name="Hamnaffären granskas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hamnaffären granskas")
    expect(page.locator(".kicker")).to_have_text("Sektion 1")
    expect(page.locator("figure.hero figcaption")).to_contain_text("Foto: Ada Fotograf")
    expect(page.locator(".byline")).to_contain_text("Karin Lund")
    expect(page.locator(".issue-ref")).to_have_text("Publicerad i #180")
    expect(page.locator(".reading-time")).to_have_text(re.compile(r"Lästid \d+ min"))
    expect(page.locator(".body blockquote")).to_contain_text("delegationsordningen")

    screenshot(page, "article-1280", width=1280)
    screenshot(page, "article-360", width=360)
    # At 360 px nothing may force sideways scrolling.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_keyboard_user_can_skip_to_content_and_sees_focus(browser_page, magazine):
    page = browser_page
    page.goto(magazine["url"] + magazine["article"].url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
