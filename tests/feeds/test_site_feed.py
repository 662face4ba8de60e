"""The site's article feed at /flode/ (RSS 2.0) and /flode/atom/."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory, article_body
from utgivare.paywall.models import PaywallSettings

ATOM = "{http://www.w3.org/2005/Atom}"
FIRST = "Första stycket om hamnen och köpeavtalet."
LATER = (
    "Andra stycket nämner revisionsrapporten om hamnaffären.",
    "Tredje stycket avslöjar vem som skrev under avtalet.",
)


def make_article(section, **kwargs):
    return ArticlePageFactory(parent=section, body=article_body(FIRST, *LATER), **kwargs)


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test


def rss_items(client):
    response = client.get("/flode/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response).find("channel")
    return {item.findtext("title"): item for item in channel.findall("item")}


@pytest.fixture
def section(tree):
    return tree["sections"][0]


def test_feed_lists_articles_newest_first_with_links(client, section):
    older = make_article(section, title="Äldre artikel")
    newer = make_article(section, title="Nyare artikel")
    channel = parse(client.get("/flode/")).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles.index("Nyare artikel") < titles.index("Äldre artikel")
    items = rss_items(client)
    assert items["Nyare artikel"].findtext("link") == newer.full_url
    assert items["Äldre artikel"].findtext("link") == older.full_url


def test_metered_article_in_feed_has_lead_and_first_paragraph_only(client, section):
    article = make_article(section, title="Mätad")
    description = rss_items(client)["Mätad"].findtext("description")
    assert article.lead in description
    assert FIRST in description
    assert "Läs hela artikeln på webbplatsen" in description
    for sentence in LATER:
        assert sentence not in description


def test_subscribers_only_article_in_feed_is_a_teaser(client, section):
    make_article(section, title="Betald", access_level="subscribers")
    description = rss_items(client)["Betald"].findtext("description")
    assert FIRST in description
    for sentence in LATER:
        assert sentence not in description


def test_free_article_in_feed_has_the_whole_body(client, section):
    make_article(section, title="Fri", access_level="free")
    description = rss_items(client)["Fri"].findtext("description")
    for sentence in (FIRST, *LATER):
        assert sentence in description
    assert "Läs hela artikeln" not in description


def test_operator_making_articles_free_by_default_opens_them_in_the_feed(client, section, tree):
    make_article(section, title="Standard")
    PaywallSettings.objects.update_or_create(site=tree["site"], defaults={"article_level": "free"})
    assert LATER[1] in rss_items(client)["Standard"].findtext("description")


def test_unpublished_article_is_not_in_the_feed(client, section):
    draft = make_article(section, title="Utkast")
    draft.unpublish()
    assert "Utkast" not in rss_items(client)


def test_atom_feed_has_the_same_teasers(client, section):
    make_article(section, title="Mätad")
    response = client.get("/flode/atom/")
    assert response.status_code == 200
    feed = parse(response)
    (entry,) = [e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Mätad"]
    summary = entry.findtext(f"{ATOM}summary")
    assert FIRST in summary
    for sentence in LATER:
        assert sentence not in summary


def test_feed_is_the_same_for_everyone_and_may_be_cached(client, section):
    make_article(section, title="Mätad")
    response = client.get("/flode/")
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_pages_point_feed_readers_to_the_feed(client, section):
    article = make_article(section)
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    link = soup.select_one('link[rel=alternate][type="application/rss+xml"]')
    assert link["href"] == "/flode/"
