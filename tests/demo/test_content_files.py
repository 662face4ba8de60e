"""The demo magazine's own files: every article is loadable and looks like real journalism.

Writers can run this module alone while they write.
"""

import pytest

from utgivare.demo.content import (
    CONTENT_DIR,
    STOCKHOLM,
    BulletList,
    Heading,
    Quote,
    body_words,
    load_content,
)
from utgivare.demo.photos import MOTIFS

CONTENT = load_content()
ARTICLE_FILES = sorted((CONTENT_DIR / "articles").glob("*.txt"))


def test_every_article_file_is_loaded():
    assert len(CONTENT.articles) == len(ARTICLE_FILES)


def test_magazine_has_four_numbered_issues_four_sections_and_three_authors():
    assert {issue.number for issue in CONTENT.issues} >= {177, 178, 179, 180}
    assert {section.slug for section in CONTENT.sections} >= {
        "politiska-rapporter",
        "granskning",
        "debatt",
        "kultur-och-samhalle",
    }
    assert len(CONTENT.authors) >= 3


def test_exactly_one_author_is_the_responsible_publisher():
    responsible = [author for author in CONTENT.authors if author.responsible_publisher]

    assert [author.slug for author in responsible] == ["karin-lund"]


@pytest.mark.parametrize("article", CONTENT.articles, ids=lambda a: a.filename)
def test_article_has_realistic_length_and_subheadings(article):
    assert 300 <= body_words(article) <= 1500
    assert sum(isinstance(block, Heading) for block in article.body) >= 2


@pytest.mark.parametrize("article", CONTENT.articles, ids=lambda a: a.filename)
def test_article_photo_has_caption_credit_and_known_motif(article):
    assert article.photo_caption
    assert article.photographer
    assert article.photo_motif in MOTIFS


def test_articles_use_quotes_and_lists():
    assert sum(any(isinstance(b, Quote) for b in a.body) for a in CONTENT.articles) >= 4
    assert sum(any(isinstance(b, BulletList) for b in a.body) for a in CONTENT.articles) >= 4


def test_every_issue_has_articles_and_they_come_out_before_or_on_the_issue_date():
    for issue in CONTENT.issues:
        articles = [a for a in CONTENT.articles if a.issue == issue.number]
        assert len(articles) >= 2, issue.number
        for article in articles:
            assert article.published.astimezone(STOCKHOLM).date() <= issue.date, article.filename


def test_access_levels_mix_metered_with_free_and_subscriber_pieces():
    levels = [article.access for article in CONTENT.articles]

    assert "free" in levels
    assert "subscribers" in levels
    assert levels.count("metered") > len(levels) / 2


def test_updates_come_after_first_publication():
    for article in CONTENT.articles:
        if article.updated:
            assert article.updated > article.published, article.filename
