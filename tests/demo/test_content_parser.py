"""The demo content format: what writers type becomes safe StreamField data."""

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from utgivare.demo.content import (
    BULLET,
    CONTENT_DIR,
    HEADING,
    NUMBERED,
    PICTURE,
    QUOTE,
    ArticleSource,
    BulletList,
    ContentError,
    Heading,
    Paragraph,
    Picture,
    Quote,
    format_article,
    format_body,
    inline_html,
    load_content,
    parse_article,
    parse_authors,
    parse_body,
    stream_data,
)
from utgivare.publication.blocks import BodyBlock

HEADER = """title: Kommunen sålde hamnen
slug: kommunen-salde-hamnen
section: politiska-rapporter
issue: 177
author: karin-lund
access: metered
published: 2026-08-20 06:00
photo_motif: harbour
photo_caption: Hamnen i kvällsljus.
photographer: Mats Öberg
lead: Marken såldes under värderingen.
---
"""


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def tags_in(html):
    collector = TagCollector()
    collector.feed(html)
    collector.close()
    return collector


def test_writers_markup_becomes_headings_quotes_and_lists():
    body = parse_body(
        "Första stycket med *kursiv* text.\n\n"
        "## Mellanrubrik\n\n"
        "> Citerad text ur protokollet\n"
        "> som fortsätter här.\n"
        "> -- Kommunstyrelsens protokoll 2026-09-02, § 114\n\n"
        "- en punkt\n"
        "- en till\n\n"
        "1. först\n"
        "2. sedan\n"
    )

    assert body == (
        Paragraph("Första stycket med *kursiv* text."),
        Heading("Mellanrubrik"),
        Quote(
            "Citerad text ur protokollet som fortsätter här.",
            "Kommunstyrelsens protokoll 2026-09-02, § 114",
        ),
        BulletList(("en punkt", "en till")),
        BulletList(("först", "sedan"), ordered=True),
    )


def test_swedish_speech_dash_stays_a_paragraph_not_a_list():
    body = parse_body("– Det här är fel, säger hon.\n\n- men det här är en punkt")

    assert body == (
        Paragraph("– Det här är fel, säger hon."),
        BulletList(("men det här är en punkt",)),
    )


def test_a_line_without_marker_continues_the_list_item_above():
    assert parse_body("- en lång punkt som\n  fortsätter på nästa rad") == (
        BulletList(("en lång punkt som fortsätter på nästa rad",)),
    )


def test_picture_line_names_motif_caption_photographer_and_alt():
    assert parse_body("[[bild: harbour | Hamnen. | Mats Öberg | Båtar vid en kaj.]]") == (
        Picture("harbour", "Hamnen.", "Mats Öberg", "Båtar vid en kaj."),
    )


def test_bold_italic_and_links_become_wagtail_rich_text():
    html = inline_html(
        "Se **protokollet** och *bilagan* på [webben](https://example.org/a?b=1&c=2)."
    )

    assert html == (
        "Se <b>protokollet</b> och <i>bilagan</i> på "
        '<a href="https://example.org/a?b=1&amp;c=2">webben</a>.'
    )


def test_script_in_text_is_escaped():
    html = inline_html('<script>alert("x")</script> & <b>')

    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;")


def test_javascript_links_are_shown_as_text_only():
    html = inline_html("[klicka](javascript:alert(1))")

    assert "href" not in html
    assert "klicka" in html


def test_heading_made_only_of_markup_is_left_out_of_the_stream():
    assert stream_data(parse_body("## ** **\n\nText.")) == [
        {"type": "paragraph", "value": "<p>Text.</p>"}
    ]


def test_article_header_and_body_are_read():
    article = parse_article(HEADER + "Stycke.\n\n## Rubrik\n\nMer text.\n", "01-hamnen.txt")

    assert article.title == "Kommunen sålde hamnen"
    assert article.issue == 177
    assert article.order == 1
    assert article.published == dt.datetime(2026, 8, 20, 4, 0, tzinfo=dt.UTC)  # 06:00 CEST
    assert article.body[1] == Heading("Rubrik")


def test_article_without_separator_is_refused_with_the_file_name():
    with pytest.raises(ContentError, match="02-trasig.txt"):
        parse_article(HEADER.replace("---\n", ""), "02-trasig.txt")


def test_unknown_access_level_is_refused():
    with pytest.raises(ContentError, match="access"):
        parse_article(HEADER.replace("access: metered", "access: gratis"))


def test_caption_longer_than_the_field_is_refused():
    with pytest.raises(ContentError, match="photo_caption"):
        parse_article(HEADER.replace("Hamnen i kvällsljus.", "Hamnen " * 50))


def test_unknown_header_key_is_refused():
    with pytest.raises(ContentError, match="okänd rad"):
        parse_article("rubrik: Fel\n" + HEADER)


def test_authors_need_yes_or_no_for_responsible_publisher():
    with pytest.raises(ContentError, match="ansvarig utgivare"):
        parse_authors("karin | Karin | Chef | k@example.org | Bio | kanske")


def test_article_naming_an_unknown_section_is_refused(tmp_path):
    for name in ("sections.txt", "authors.txt", "issues.txt"):
        (tmp_path / name).write_text((CONTENT_DIR / name).read_text(encoding="utf-8"))
    (tmp_path / "articles").mkdir()
    text = HEADER.replace("politiska-rapporter", "sport") + "Text.\n"
    (tmp_path / "articles" / "01-sport.txt").write_text(text, encoding="utf-8")

    with pytest.raises(ContentError, match="okänd sektion 'sport'"):
        load_content(tmp_path)


def test_example_in_format_document_is_a_valid_article():
    document = (CONTENT_DIR / "FORMAT.md").read_text(encoding="utf-8")
    example = re.search(r"```\n(title:.*?)```", document, re.DOTALL).group(1)

    article = parse_article(example, "00-exempel.txt")

    assert article.section == "politiska-rapporter"
    assert article.issue == 179
    assert {type(block) for block in article.body} == {Paragraph, Heading, Quote, BulletList}


# --- Properties -----------------------------------------------------------------------

any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=300,
)
line = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)
    .map(str.strip)
    .filter(bool)
)
# A line that a writer could not have meant as block markup.
plain_line = line.filter(
    lambda text: (
        not any(p.match(text) for p in (HEADING, QUOTE, BULLET, NUMBERED, PICTURE))
        and not text.startswith(("--", "—"))
    )
)
field = plain_line.filter(lambda text: "|" not in text and "]]" not in text)
blocks = st.lists(
    st.one_of(
        plain_line.map(Heading),
        plain_line.map(Paragraph),
        st.builds(
            Quote,
            st.lists(plain_line, min_size=1, max_size=3).map("\n".join),
            st.one_of(st.just(""), plain_line),
        ),
        st.builds(
            BulletList, st.lists(plain_line, min_size=1, max_size=4).map(tuple), st.booleans()
        ),
        st.builds(Picture, field, field, field, field),
    ),
    max_size=8,
)


@given(any_text)
def test_any_paragraph_text_gives_only_our_own_tags(text):
    html = inline_html(text)

    parsed = tags_in(f"<p>{html}</p>")
    assert {tag for tag, _ in parsed.tags} <= {"p", "b", "i", "a"}
    for tag, attrs in parsed.tags:
        if tag == "a":
            assert set(attrs) == {"href"}
            assert attrs["href"].startswith(("http://", "https://", "mailto:", "/"))


@given(any_text.filter(lambda text: "*" not in text and "[" not in text))
def test_text_without_markup_reads_the_same_after_escaping(text):
    assert unescape("".join(tags_in(inline_html(text)).text)) == text


@settings(max_examples=60, deadline=None)
@given(any_text)
def test_any_body_text_gives_stream_data_that_the_body_block_accepts(text):
    block = BodyBlock()
    data = stream_data(parse_body(text))
    assume(data)  # an empty body is refused by the editor too

    block.clean(block.to_python(data))


@given(blocks)
def test_body_blocks_survive_being_written_out_and_read_back(body):
    assert parse_body(format_body(body)) == tuple(body)


@given(
    title=line,
    lead=line,
    caption=line,
    alt=st.one_of(st.just(""), line),
    when=st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    body=blocks,
)
def test_whole_articles_survive_being_written_out_and_read_back(
    title, lead, caption, alt, when, body
):
    published = when.replace(second=0, microsecond=0, tzinfo=dt.UTC)
    article = ArticleSource(
        filename="07-test.txt",
        title=title,
        slug="test",
        section="granskning",
        issue=None,
        author="karin-lund",
        access="free",
        published=published,
        updated=None,
        photo_motif="harbour",
        photo_caption=caption,
        photographer="Mats Öberg",
        photo_alt=alt,
        lead=lead,
        body=tuple(body),
    )

    assert parse_article(format_article(article), "07-test.txt") == article
