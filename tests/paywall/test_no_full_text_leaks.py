"""A reader over quota never receives the paywalled text, on any surface, in any form.

Each paywalled piece below has sentences that appear nowhere else. Readers
without access (over quota, anonymous and logged in) visit every surface the
project has; no sentence after a piece's first paragraph may appear in
anything they receive: HTML, JSON-LD, Open Graph, feeds, search results,
sitemaps, cached pages.

NEW SURFACES MUST BE ADDED TO `SURFACES` BELOW: a JSON API, a print view, an
e-mail newsletter, podcast or web-TV feeds, an AMP page, oEmbed, anything
that shows a piece's text. Every page in the Wagtail tree (and its routable
subpages listed here) is already visited, so new page types and listings are
covered automatically.
"""

import html
import json
import re

import pytest
from django.test import Client
from wagtail.models import Page

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    IssuePageFactory,
    article_body,
    paragraph,
)
from tests.paywall.test_caching import SHARED_PAGE_CACHE

SECRETS = {
    "metered article": (
        "Öppet stycke ett om hamnaffären.",
        [
            "Hemlig mening alfa om köpeskillingen i hamnaffären.",
            "Hemlig mening beta citerar ordförandens sms till köparen.",
        ],
    ),
    "paid article": (
        "Öppet stycke två om skolskjutsen.",
        [
            "Hemlig mening gamma om entreprenörens vinstmarginal.",
            "Hemlig mening delta nämner en tjänsteman vid namn.",
        ],
    ),
    "metered blog post": (
        "Öppet stycke tre om protokollen.",
        [
            "Hemlig mening epsilon om det försvunna protokollet.",
            "Hemlig mening zeta om visselblåsarens vittnesmål.",
        ],
    ),
    "paid blog post": (
        "Öppet stycke fyra om hyrorna.",
        [
            "Hemlig mening eta om hyresgästföreningens brev.",
            "Hemlig mening theta om bolagets interna kalkyl.",
        ],
    ),
}
SECRET_SENTENCES = [sentence for _, sentences in SECRETS.values() for sentence in sentences]


def blog_post_body(first, later):
    blocks = [paragraph(first), {"type": "heading", "value": "Del ett"}]
    blocks.extend(paragraph(text) for text in later[:-1])
    blocks.append({"type": "quote", "value": {"text": later[-1], "attribution": "Protokoll"}})
    return json.dumps(blocks)


@pytest.fixture
def site(tree):
    section = tree["sections"][0]
    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    issue = IssuePageFactory(parent=tree["issues"], number=179)
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=tree["home"]), title="Karins blogg", writer=writer
    )
    pieces = {
        "metered article": ArticlePageFactory(
            parent=section,
            title="Hamnaffären",
            author=writer,
            issue=issue,
            body=article_body(SECRETS["metered article"][0], *SECRETS["metered article"][1]),
        ),
        "paid article": ArticlePageFactory(
            parent=section,
            title="Skolskjutsen",
            author=writer,
            issue=issue,
            access_level="subscribers",
            body=article_body(SECRETS["paid article"][0], *SECRETS["paid article"][1]),
        ),
        "metered blog post": BlogPostPageFactory(
            parent=blog,
            title="Protokollen",
            body=blog_post_body(*SECRETS["metered blog post"]),
        ),
        "paid blog post": BlogPostPageFactory(
            parent=blog,
            title="Hyrorna",
            access_level="subscribers",
            body=blog_post_body(*SECRETS["paid blog post"]),
        ),
    }
    fillers = [ArticlePageFactory(parent=section, title=f"Fritt läst {i}") for i in range(3)]
    return {
        "pieces": pieces,
        "fillers": fillers,
        "blog": blog,
        "home": tree["home"],
        "section": section,
        "writer": writer,
        "issue": issue,
    }


# --- Surfaces ----------------------------------------------------------------------------
# Each takes (client, site) and returns [(what, body)] as the reader received it.


def every_page_in_the_tree(client, site):
    """Home, sections, issues, authors, blogs, articles, posts: every live page."""
    pages = Page.objects.live().descendant_of(site["home"], inclusive=True).specific()
    return [(f"page {page.url}", get(client, page.url)) for page in pages]


def piece_pages_with_query_strings(client, site):
    # Variants a cache or a print stylesheet might treat differently.
    return [
        (f"{page.url}{suffix}", get(client, page.url + suffix))
        for page in site["pieces"].values()
        for suffix in ("?print=1", "?format=json", "?amp=1")
    ]


def structured_data_and_open_graph(client, site):
    found = []
    for what, page in site["pieces"].items():
        body = get(client, page.url)
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S):
            data = json.loads(script)
            assert "articleBody" not in data
            found.append((f"JSON-LD of {what}", script))
        meta = re.findall(r"<meta [^>]*>", body)
        found.append((f"meta tags of {what}", "\n".join(meta)))
    return found


def site_feeds(client, site):
    """The whole site's, each section's, writer's and issue's feeds, RSS and Atom."""
    feeds = [
        "/flode/",
        f"/flode/sektion/{site['section'].slug}/",
        f"/flode/skribent/{site['writer'].slug}/",
        f"/flode/nummer/{site['issue'].number}/",
    ]
    return [(url, get(client, url)) for feed in feeds for url in (feed, feed + "atom/")]


def blog_feed_and_archives(client, site):
    blog = site["blog"]
    urls = (blog.feed_url(), blog.atom_feed_url(), blog.archive_url())
    return [(url, get(client, url)) for url in urls]


def search_results(client, site):
    queries = ["Hemlig mening", "köpeskillingen", "sms", "vinstmarginal", "tjänsteman"]
    queries += ["protokollet", "visselblåsarens", "hyresgästföreningens", "kalkyl"]
    queries += [page.title for page in site["pieces"].values()]
    return [(f"search {q}", get(client, "/sok/", {"q": q})) for q in queries]


def sitemap(client, site):
    return [("sitemap.xml", get(client, "/sitemap.xml"))]


# No JSON API, print view or podcast/web-TV feed exists yet: add them here when they do.
SURFACES = [
    every_page_in_the_tree,
    piece_pages_with_query_strings,
    structured_data_and_open_graph,
    site_feeds,
    blog_feed_and_archives,
    search_results,
    sitemap,
]


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


def leaks(body):
    text = html.unescape(html.unescape(body))
    return [sentence for sentence in SECRET_SENTENCES if sentence in text]


# --- Readers ------------------------------------------------------------------------------


def over_quota(client, site):
    for filler in site["fillers"]:
        get(client, filler.url)
    return client


@pytest.fixture
def anonymous_over_quota(site):
    return over_quota(Client(), site)


@pytest.fixture
def logged_in_over_quota(site, reader):
    client = Client()
    client.force_login(reader)
    return over_quota(client, site)


@pytest.fixture
def subscriber_has_read_everything(site, subscriber):
    """A subscriber reads every piece first, so every cache holds the full versions."""
    client = Client()
    client.force_login(subscriber)
    for page in site["pieces"].values():
        assert leaks(get(client, page.url)), "a subscriber sees the full text"
    return client


def leaks_on_every_surface(client, site):
    """[(surface, what, leaked sentences)] for everything `client` receives."""
    found = []
    for surface in SURFACES:
        received = surface(client, site)
        assert received, surface.__name__
        found += [(surface.__name__, what, leaks(body)) for what, body in received if leaks(body)]
    return found


@pytest.mark.parametrize("reader_kind", ["anonymous_over_quota", "logged_in_over_quota"])
def test_no_paywalled_sentence_reaches_a_reader_over_quota(
    request, reader_kind, site, subscriber_has_read_everything
):
    client = request.getfixturevalue(reader_kind)
    assert leaks_on_every_surface(client, site) == []


@SHARED_PAGE_CACHE
def test_no_paywalled_sentence_comes_through_a_shared_page_cache(
    site, subscriber_has_read_everything, anonymous_over_quota
):
    # A subscriber reads every surface twice (filling the page cache), then the reader does.
    for _ in range(2):
        leaks_on_every_surface(subscriber_has_read_everything, site)
    assert leaks_on_every_surface(anonymous_over_quota, site) == []


def test_first_paragraphs_do_reach_the_reader_over_quota(anonymous_over_quota, site):
    # The control: the pages are there, only the paywalled part is missing.
    for what, page in site["pieces"].items():
        body = get(anonymous_over_quota, page.url)
        assert SECRETS[what][0] in body
        assert "paywall-box" in body


def test_every_feed_does_carry_the_first_paragraphs(anonymous_over_quota, site):
    # The control for the feeds: each lists its pieces, only the paywalled part is missing.
    articles = [SECRETS[what][0] for what in ("metered article", "paid article")]
    everything = articles + [SECRETS[what][0] for what in ("metered blog post", "paid blog post")]
    feeds = site_feeds(anonymous_over_quota, site) + blog_feed_and_archives(
        anonymous_over_quota, site
    )
    for url, body in feeds:
        if "/arkiv/" in url:
            continue  # the blog's archive page, not a feed
        text = html.unescape(html.unescape(body))
        if "/sektion/" in url or "/nummer/" in url:
            expected = articles
        elif url.startswith(site["blog"].url):
            expected = everything[2:]
        else:  # the whole site's and the writer's
            expected = everything
        assert [first for first in expected if first not in text] == [], url


@pytest.mark.parametrize("reader_kind", ["anonymous_over_quota", "logged_in_over_quota"])
def test_search_does_not_tell_which_words_a_paywalled_body_holds(request, reader_kind, site):
    # Listing a piece for a word only in its hidden body answers "does it say X?".
    client = request.getfixturevalue(reader_kind)
    for word in ["köpeskillingen", "vinstmarginal", "visselblåsarens", "kalkyl"]:
        page = get(client, "/sok/", {"q": word})
        listed = [what for what, piece in site["pieces"].items() if piece.url in page]
        assert listed == [], word
