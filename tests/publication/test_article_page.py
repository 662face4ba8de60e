"""The article page shows everything the reference magazine page shows."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    IssuePageFactory,
    article_body,
)
from tests.querycount import queries_for_get
from utgivare.core.models import ImprintSettings


@pytest.fixture
def full_article(tree):
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund", slug="karin-lund")
    issue = IssuePageFactory(parent=tree["issues"], number=179, slug="179")
    return ArticlePageFactory(
        parent=tree["sections"][0],
        title="Hamnaffären granskas av revisorerna",
        author=author,
        issue=issue,
        hero_image=ImageFactory(),
        hero_caption="Hamnen i Norrvik i oktober.",
        hero_photographer="Ada Fotograf",
        hero_alt="Kajen med två fiskebåtar.",
        body=article_body(
            "Revisorerna riktar skarp kritik mot markaffären.",
            "Kommunstyrelsens ordförande säger att allt gått rätt till.",
            heading="Vad handlingarna visar",
            quote="Beslutet saknar stöd i delegationsordningen.",
        ),
    )


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_article_shows_section_label_headline_and_lead(client, full_article):
    soup = soup_of(client, full_article)
    assert soup.select_one(".kicker").get_text(strip=True) == "Sektion 1"
    assert soup.h1.get_text(strip=True) == "Hamnaffären granskas av revisorerna"
    assert soup.select_one(".lead").get_text(strip=True) == full_article.lead


def test_hero_photo_has_caption_alt_text_and_photographer_credit(client, full_article):
    hero = soup_of(client, full_article).select_one("figure.hero")
    assert hero.img["alt"] == "Kajen med två fiskebåtar."
    caption = hero.figcaption.get_text(" ", strip=True)
    assert "Hamnen i Norrvik i oktober." in caption
    assert "Foto: Ada Fotograf" in caption


def test_byline_links_to_the_author_page(client, full_article):
    byline = soup_of(client, full_article).select_one(".byline a[rel=author]")
    assert byline.get_text(strip=True) == "Karin Lund"
    assert byline["href"] == full_article.author.url


def test_responsible_publisher_is_marked_in_the_byline(client, full_article):
    imprint = ImprintSettings.for_site(Site.objects.get(is_default_site=True))
    imprint.responsible_publisher = full_article.author
    imprint.save()
    byline = soup_of(client, full_article).select_one(".byline")
    assert "Ansvarig utgivare" in byline.get_text()


def test_other_authors_are_not_marked_as_responsible_publisher(client, full_article):
    byline = soup_of(client, full_article).select_one(".byline")
    assert "Ansvarig utgivare" not in byline.get_text()


def test_published_in_issue_links_to_the_issue(client, full_article):
    link = soup_of(client, full_article).select_one(".issue-ref a")
    assert link.get_text(strip=True) == "Publicerad i #179"
    assert link["href"] == full_article.issue.url


def test_web_only_article_has_no_issue_reference(client, tree):
    article = ArticlePageFactory(parent=tree["sections"][0])
    assert soup_of(client, article).select_one(".issue-ref") is None


@pytest.mark.parametrize(("body_words", "expected"), [(789, "Lästid 4 min"), (791, "Lästid 5 min")])
def test_reading_time_is_shown_in_whole_minutes(client, tree, body_words, expected):
    # Lead (8 words) + heading "Bakgrund" + "Slut." + body words, at 200 words a minute.
    article = ArticlePageFactory(
        parent=tree["sections"][0], body=article_body(" ".join(["ord"] * body_words), "Slut.")
    )
    assert article.word_count == body_words + 10
    text = soup_of(client, article).select_one(".reading-time").get_text(strip=True)
    assert text == expected


def test_publication_and_update_dates_are_shown(client, full_article):
    published = timezone.make_aware(dt.datetime(2026, 10, 14, 7, 30))
    updated = timezone.make_aware(dt.datetime(2026, 10, 15, 9, 5))
    type(full_article).objects.filter(pk=full_article.pk).update(
        first_published_at=published, last_published_at=updated
    )
    meta = soup_of(client, full_article).select_one(".piece-meta").get_text(" ", strip=True)
    assert "Publicerad 14 oktober 2026 07:30" in meta
    assert "Uppdaterad 15 oktober 2026 09:05" in meta


def test_body_has_subheadings_quotes_and_paragraphs(client, full_article):
    body = soup_of(client, full_article).select_one(".body")
    assert body.h2.get_text(strip=True) == "Vad handlingarna visar"
    assert "Beslutet saknar stöd" in body.blockquote.get_text()
    assert body.find("figcaption").get_text(strip=True) == "Protokollet"
    assert len(body.find_all("p")) >= 3


def test_body_renders_bulleted_and_numbered_lists(client, tree):
    article = ArticlePageFactory(
        parent=tree["sections"][0],
        body='[{"type": "paragraph", "value": "<p>Inledning.</p>"},'
        '{"type": "list", "value": {"ordered": true, "items": ["Ett", "Två"]}}]',
    )
    items = [li.get_text() for li in soup_of(client, article).select(".body ol li")]
    assert items == ["Ett", "Två"]


def test_comment_link_points_at_the_comment_section(client, full_article):
    soup = soup_of(client, full_article)
    assert soup.find("a", string=re.compile("Lämna en kommentar"))["href"] == "#kommentarer"


def test_unpublished_article_is_not_found(client, full_article):
    full_article.unpublish()
    assert client.get(full_article.url).status_code == 404


def test_article_page_runs_the_same_number_of_queries_however_many_articles_exist(
    client, full_article
):
    few = queries_for_get(client, full_article.url)
    for _ in range(15):
        ArticlePageFactory(parent=full_article.get_parent(), issue=full_article.issue)
    assert queries_for_get(client, full_article.url) == few
