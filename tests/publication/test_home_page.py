"""The home page: latest issue with cover and contents, newest articles per section."""

import datetime as dt

from bs4 import BeautifulSoup

from tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    IssuePageFactory,
    SectionPageFactory,
)
from tests.querycount import queries_for_get


def get_home(client):
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_home_features_the_latest_issue_with_cover_and_contents(client, tree):
    older = IssuePageFactory(parent=tree["issues"], number=179, slug="179")
    latest = IssuePageFactory(
        parent=tree["issues"], number=180, slug="180", cover_image=ImageFactory()
    )
    ArticlePageFactory(parent=tree["sections"][0], title="Gammal nyhet", issue=older)
    ArticlePageFactory(parent=tree["sections"][0], title="Hamnaffären", issue=latest)
    ArticlePageFactory(parent=tree["sections"][0], title="Skolskjutsen", issue=latest)

    feature = get_home(client).select_one(".issue-feature")
    assert "#180" in feature.h2.get_text()
    assert feature.img is not None
    contents = [li.a.get_text() for li in feature.select(".toc li")]
    assert contents == ["Hamnaffären", "Skolskjutsen"]


def test_home_lists_newest_articles_per_section(client, tree):
    second = SectionPageFactory(parent=tree["home"], title="Granskning", slug="granskning")
    for number in range(5):
        ArticlePageFactory(parent=tree["sections"][0], title=f"Rapport {number}")
    ArticlePageFactory(parent=second, title="Granskning av hamnen")

    blocks = get_home(client).select(".section-block")
    titles = {
        block.h2.get_text(strip=True): [h.get_text() for h in block.select("h3")]
        for block in blocks
    }
    assert titles["Sektion 1"] == ["Rapport 4", "Rapport 3", "Rapport 2"]
    assert titles["Granskning"] == ["Granskning av hamnen"]


def test_main_navigation_lists_sections_and_issue_archive(client, tree):
    links = [a.get_text() for a in get_home(client).select(".site-nav a")]
    assert "Sektion 1" in links
    assert "Nummer" in links


def test_home_runs_the_same_number_of_queries_for_2_or_20_articles(client, tree):
    issue = IssuePageFactory(parent=tree["issues"], cover_image=ImageFactory())

    def add_articles(count):
        for _ in range(count):
            ArticlePageFactory(parent=tree["sections"][0], issue=issue, hero_image=ImageFactory())

    add_articles(2)
    few = queries_for_get(client, "/")
    add_articles(18)
    many = queries_for_get(client, "/")
    assert few == many


def test_home_features_the_latest_issue_that_is_out(client, tree):
    out = IssuePageFactory(parent=tree["issues"], number=180, slug="180")
    ArticlePageFactory(parent=tree["sections"][0], title="Ute nu", issue=out)
    # Prepared ahead of its date, with an article already placed.
    future = IssuePageFactory(
        parent=tree["issues"], number=182, slug="182", publication_date=dt.date(2099, 1, 1)
    )
    ArticlePageFactory(parent=tree["sections"][0], title="Kommer sen", issue=future)
    # Dated, but its only article is not published yet.
    waiting = IssuePageFactory(parent=tree["issues"], number=181, slug="181")
    unpublished = ArticlePageFactory(parent=tree["sections"][0], title="Väntar", issue=waiting)
    unpublished.unpublish()

    feature = get_home(client).select_one(".issue-feature")
    assert "#180" in feature.h2.get_text()
    assert [li.a.get_text() for li in feature.select(".toc li")] == ["Ute nu"]
