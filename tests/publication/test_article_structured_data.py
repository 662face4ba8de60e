"""schema.org JSON-LD, Open Graph and canonical URL on article pages."""

import json

import pytest
from bs4 import BeautifulSoup

from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    IssuePageFactory,
)


@pytest.fixture
def article_in_issue(tree):
    author = AuthorPageFactory(parent=tree["authors"], title="Johan Berglund")
    issue = IssuePageFactory(parent=tree["issues"], number=178, slug="178")
    return ArticlePageFactory(
        parent=tree["sections"][0],
        title="Skolskjutsarna upphandlades utan konkurrens",
        author=author,
        issue=issue,
        hero_image=ImageFactory(),
    )


def parsed(client, page):
    response = client.get(page.url)
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string), soup


def test_json_ld_describes_a_news_article(client, article_in_issue):
    data, _ = parsed(client, article_in_issue)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Skolskjutsarna upphandlades utan konkurrens"
    assert data["articleSection"] == "Sektion 1"
    assert data["author"] == {
        "@type": "Person",
        "name": "Johan Berglund",
        "url": "http://testserver" + article_in_issue.author.url,
    }


def test_json_ld_dates_word_count_and_reading_time(client, article_in_issue):
    data, _ = parsed(client, article_in_issue)
    assert data["datePublished"] == article_in_issue.first_published_at.isoformat()
    assert data["dateModified"] == article_in_issue.last_published_at.isoformat()
    assert data["wordCount"] == article_in_issue.word_count > 0
    assert data["timeRequired"] == f"PT{article_in_issue.reading_minutes}M"


def test_json_ld_image_is_an_absolute_url(client, article_in_issue):
    data, _ = parsed(client, article_in_issue)
    assert data["image"][0].startswith("http://testserver/")


def test_json_ld_is_part_of_the_numbered_issue(client, article_in_issue):
    data, _ = parsed(client, article_in_issue)
    assert data["isPartOf"]["@type"] == "PublicationIssue"
    assert data["isPartOf"]["issueNumber"] == "178"


def test_json_ld_cannot_be_closed_by_a_headline(client, tree):
    article = ArticlePageFactory(
        parent=tree["sections"][0], title="</script><script>alert(1)</script>"
    )
    response = client.get(article.url)
    assert b"</script><script>alert(1)" not in response.content
    data, _ = parsed(client, article)
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_open_graph_and_canonical(client, article_in_issue):
    _, soup = parsed(client, article_in_issue)

    def og(prop):
        return soup.find("meta", property=prop)["content"]

    assert og("og:type") == "article"
    assert og("og:title") == article_in_issue.title
    assert og("og:description") == article_in_issue.lead
    assert og("og:url") == "http://testserver" + article_in_issue.url
    assert og("og:image").startswith("http://testserver/")
    assert soup.find("link", rel="canonical")["href"] == "http://testserver" + article_in_issue.url
