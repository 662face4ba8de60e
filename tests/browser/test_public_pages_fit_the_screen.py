"""Every public page type fits a 360 px phone and a 1280 px desktop: no element reaches
past the right edge (the privacy page's cookie table used to)."""

import pytest
from playwright.sync_api import expect

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    IssuePageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Elements whose right edge passes the viewport, as "tag.class" strings.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => !el.closest('.visually-hidden, thead'))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
}"""


@pytest.fixture
def pages(live_server, live_tree):
    tree = live_tree
    author = AuthorPageFactory(
        parent=tree["authors"],
        title="Karin Lund",
        public_email="karin.lund.granskande.reporter@norrviks-kurir-redaktion.example",
    )
    issue = IssuePageFactory(
        parent=tree["issues"], number=180, slug="180", cover_image=ImageFactory()
    )
    article = ArticlePageFactory(
        parent=tree["sections"][0], author=author, issue=issue, hero_image=ImageFactory()
    )
    blogs = BlogIndexPageFactory(parent=tree["home"])
    blog = BlogPageFactory(parent=blogs, writer=author, slug="karin")
    post = BlogPostPageFactory(parent=blog)
    return [
        "/",
        tree["sections"][0].url,
        article.url,
        tree["issues"].url,
        issue.url,
        tree["authors"].url,
        author.url,
        blogs.url,
        blog.url,
        post.url,
        "/sok/?q=budget",
        "/prenumerera/",
        "/impressum/",
        "/integritet/",
        "/konto/login/",
        "/konto/signup/",
    ]


def test_every_public_page_type_fits_phone_and_desktop(
    browser_page, live_server, pages, screenshot
):
    page = browser_page
    problems = {}
    for url in pages:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + url)
        expect(page.locator("main")).to_be_visible()
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            too_wide = page.evaluate(OVERFLOWING)
            if too_wide:
                problems[f"{url} at {width}"] = too_wide
        if url == "/integritet/":
            screenshot(page, "privacy-360", width=360)
    assert problems == {}
