"""The demo magazine's own files: every article is loadable and looks like real journalism.

Writers can run this module alone while they write; it needs no database.
"""

import json
import re

import pytest
from PIL import Image

from utgivare.demo.content import CONTENT_DIR, STOCKHOLM, body_data, parse_time, read_markdown
from utgivare.demo.magazine import ARTICLE_KEYS

MAGAZINE = json.loads((CONTENT_DIR / "magazine.json").read_text(encoding="utf-8"))
ARTICLE_FILES = sorted((CONTENT_DIR / "articles").glob("*.md"))
ARTICLES = {path.name: read_markdown(path, ARTICLE_KEYS) for path in ARTICLE_FILES}
AUTHORS = [read_markdown(path)[0] for path in sorted((CONTENT_DIR / "authors").glob("*.md"))]
PICTURES = CONTENT_DIR / "pictures"


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def block_text(block: dict) -> str:
    value = block["value"]
    if block["type"] == "quote":
        return value["text"]
    if block["type"] == "list":
        return " ".join(value["items"])
    return re.sub(r"<[^>]+>", "", value) if isinstance(value, str) else ""


def referenced_pictures():
    """Every picture file a content file names, resolved from where it is named."""
    named = {CONTENT_DIR / issue["cover"] for issue in MAGAZINE["issues"]}
    for folder in ("authors", "articles"):
        for path in (CONTENT_DIR / folder).glob("*.md"):
            meta, body = read_markdown(path)
            if meta.get("photo"):  # a signature author has none
                named.add(path.parent / meta["photo"])
            named.update(path.parent / src for src in re.findall(r"^!\[.*\]\((\S+)", body, re.M))
    return {path.resolve() for path in named}


def test_magazine_has_four_numbered_issues_four_sections_and_three_authors():
    assert {issue["number"] for issue in MAGAZINE["issues"]} >= {177, 178, 179, 180}
    assert {section["slug"] for section in MAGAZINE["sections"]} >= {
        "politiska-rapporter",
        "granskning",
        "debatt",
        "kultur-och-samhalle",
    }
    assert len(AUTHORS) >= 3


def test_exactly_one_author_is_the_responsible_publisher():
    responsible = [a["slug"] for a in AUTHORS if a.get("responsible_publisher") == "yes"]

    assert responsible == ["karin-lund"]


@pytest.mark.parametrize("name", ARTICLES)
def test_article_names_known_section_author_and_issue(name):
    meta, _ = ARTICLES[name]

    assert meta["section"] in {section["slug"] for section in MAGAZINE["sections"]}
    assert meta["author"] in {author["slug"] for author in AUTHORS}
    assert not meta.get("issue") or int(meta["issue"]) in {i["number"] for i in MAGAZINE["issues"]}
    assert meta["photo_caption"] and meta["photographer"] and meta["photo_alt"]


@pytest.mark.parametrize("name", ARTICLES)
def test_article_has_realistic_length_and_subheadings(name):
    meta, body = ARTICLES[name]
    data = body_data(body)
    text = " ".join(block_text(block) for block in data)

    assert 300 <= words(meta["lead"]) + words(text) <= 1500
    assert sum(block["type"] == "heading" for block in data) >= 2


def test_articles_use_quotes_and_lists():
    kinds = [{block["type"] for block in body_data(body)} for _, body in ARTICLES.values()]

    assert sum("quote" in k for k in kinds) >= 4
    assert sum("list" in k for k in kinds) >= 4


def test_every_issue_has_articles_and_they_come_out_before_or_on_the_issue_date():
    for issue in MAGAZINE["issues"]:
        articles = [m for m, _ in ARTICLES.values() if m.get("issue") == str(issue["number"])]
        assert len(articles) >= 2, issue["number"]
        for meta in articles:
            published = parse_time(meta["published"]).astimezone(STOCKHOLM).date()
            assert published.isoformat() <= issue["date"], meta["slug"]


def test_access_levels_mix_metered_with_free_and_subscriber_pieces():
    levels = [meta["access"] for meta, _ in ARTICLES.values()]

    assert "free" in levels
    assert "subscribers" in levels
    assert levels.count("metered") > len(levels) / 2


def test_updates_come_after_first_publication():
    for meta, _ in ARTICLES.values():
        if meta.get("updated"):
            assert parse_time(meta["updated"]) > parse_time(meta["published"]), meta["slug"]


def test_every_named_picture_is_shipped_and_every_shipped_picture_is_named():
    shipped = {path.resolve() for path in PICTURES.iterdir()}

    assert referenced_pictures() == shipped


def test_pictures_are_jpegs_as_large_as_the_site_shows_them_and_small_on_disk():
    total = 0
    for path in PICTURES.iterdir():
        with Image.open(path) as image:
            assert image.format == "JPEG", path.name
            # Article photos are shown at width-1200, covers at width-400, portraits at 192.
            assert image.width >= 192, path.name
        total += path.stat().st_size
    for meta, _ in ARTICLES.values():
        with Image.open(CONTENT_DIR / "articles" / meta["photo"]) as image:
            assert image.width >= 1200, meta["photo"]
    assert total < 3_000_000
