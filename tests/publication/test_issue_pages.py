"""Issue page (number, date, cover, contents in the editor's order) and the archive."""

import datetime as dt

from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory, ImageFactory, IssuePageFactory
from tests.querycount import queries_for_get
from utgivare.publication.models import IssuePlacement


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_issue_page_shows_number_date_cover_and_contents_in_editor_order(client, tree):
    issue = IssuePageFactory(
        parent=tree["issues"],
        number=179,
        slug="179",
        title="Hamnen",
        publication_date=dt.date(2026, 10, 15),
        cover_image=ImageFactory(),
    )
    first = ArticlePageFactory(parent=tree["sections"][0], title="Ledaren")
    second = ArticlePageFactory(parent=tree["sections"][0], title="Reportaget")
    # The editor puts the later article first.
    IssuePlacement.objects.create(issue=issue, article=second, sort_order=0)
    IssuePlacement.objects.create(issue=issue, article=first, sort_order=1)

    page = soup(client, issue.url)
    assert page.h1.get_text(strip=True) == "#179 – Hamnen"
    assert "15 oktober 2026" in page.select_one(".meta").get_text()
    assert page.select_one(".issue-feature img") is not None
    assert [li.a.get_text() for li in page.select(".toc li")] == ["Reportaget", "Ledaren"]


def test_unpublished_article_is_left_out_of_the_contents(client, tree):
    issue = IssuePageFactory(parent=tree["issues"])
    ArticlePageFactory(parent=tree["sections"][0], title="Synlig", issue=issue)
    hidden = ArticlePageFactory(parent=tree["sections"][0], title="Utkast", issue=issue)
    hidden.unpublish()
    assert [li.a.get_text() for li in soup(client, issue.url).select(".toc li")] == ["Synlig"]


def test_archive_lists_all_issues_newest_first(client, tree):
    for number in (177, 179, 178):
        IssuePageFactory(parent=tree["issues"], number=number, slug=str(number))
    headings = [h.get_text(strip=True) for h in soup(client, tree["issues"].url).select("main h2")]
    assert [h.split(" ")[0] for h in headings] == ["#179", "#178", "#177"]


def test_issue_page_runs_the_same_number_of_queries_for_2_or_20_articles(client, tree):
    issue = IssuePageFactory(parent=tree["issues"], cover_image=ImageFactory())

    def add_articles(count):
        for _ in range(count):
            ArticlePageFactory(parent=tree["sections"][0], issue=issue)

    add_articles(2)
    few = queries_for_get(client, issue.url)
    add_articles(18)
    assert queries_for_get(client, issue.url) == few
