"""A demo article's Markdown body becomes the magazine's own body blocks, safely."""

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from utgivare.demo.content import ContentError, body_data, inline_html, read_markdown
from utgivare.publication.blocks import BodyBlock


def test_headings_paragraphs_quotes_and_lists_become_body_blocks():
    data = body_data(
        "Första stycket med *kursiv* text.\n\n"
        "## Mellanrubrik\n\n"
        "> Citerad text ur protokollet\n"
        "> som fortsätter här.\n"
        "> -- Kommunstyrelsens protokoll 2026-09-02, § 114\n\n"
        "- en punkt\n"
        "- en **till**\n\n"
        "1. först\n"
        "2. sedan\n"
    )

    assert data == [
        {"type": "paragraph", "value": "<p>Första stycket med <i>kursiv</i> text.</p>"},
        {"type": "heading", "value": "Mellanrubrik"},
        {
            "type": "quote",
            "value": {
                "text": "Citerad text ur protokollet som fortsätter här.",
                "attribution": "Kommunstyrelsens protokoll 2026-09-02, § 114",
            },
        },
        {"type": "list", "value": {"ordered": False, "items": ["en punkt", "en till"]}},
        {"type": "list", "value": {"ordered": True, "items": ["först", "sedan"]}},
    ]


def test_swedish_speech_dash_stays_a_paragraph_not_a_list():
    assert [block["type"] for block in body_data("– Det här är fel, säger hon.")] == ["paragraph"]


def test_a_paragraph_starting_with_an_issue_number_is_not_a_heading():
    assert body_data("#179 kom ut i går.") == [
        {"type": "paragraph", "value": "<p>#179 kom ut i går.</p>"}
    ]


def test_a_line_without_marker_continues_the_list_item_above():
    assert body_data("- en lång punkt som\n  fortsätter på nästa rad")[0]["value"]["items"] == [
        "en lång punkt som fortsätter på nästa rad"
    ]


def test_picture_gets_its_file_caption_photographer_and_alt_text():
    asked = []

    def image_for(src, caption):
        asked.append((src, caption))
        return SimpleNamespace(pk=7)

    data = body_data(
        '![Båtar vid en kaj.](../pictures/hamn.jpg "Hamnen en kväll. Foto: Mats Öberg")',
        image_for=image_for,
    )

    assert asked == [("../pictures/hamn.jpg", "Hamnen en kväll.")]
    assert data == [
        {
            "type": "image",
            "value": {
                "image": 7,
                "caption": "Hamnen en kväll.",
                "photographer": "Mats Öberg",
                "alt_text": "Båtar vid en kaj.",
            },
        }
    ]


def test_bold_italic_and_links_become_wagtail_rich_text():
    html = inline_html(
        "Se **protokollet** och *bilagan* på [webben](https://example.org/a?b=1&c=2)."
    )

    assert html == (
        "Se <b>protokollet</b> och <i>bilagan</i> på "
        '<a href="https://example.org/a?b=1&amp;c=2">webben</a>.'
    )


def test_script_in_text_is_escaped_and_javascript_links_are_text_only():
    assert inline_html('<script>alert("x")</script>').startswith("&lt;script&gt;")
    assert inline_html("[klicka](javascript:alert(1))") == "[klicka](javascript:alert(1))"
    assert inline_html("[klicka](javascript:alert)") == "klicka"


def test_front_matter_is_read_and_a_missing_key_names_the_file(tmp_path):
    path = tmp_path / "01-exempel.md"
    path.write_text("---\ntitle: Rubrik: med kolon\naccess: free\n---\nText.\n", "utf-8")

    assert read_markdown(path, ("title",)) == (
        {"title": "Rubrik: med kolon", "access": "free"},
        "Text.\n",
    )
    with pytest.raises(ContentError, match="01-exempel.md: saknar slug"):
        read_markdown(path, ("title", "slug"))


def test_unknown_access_level_is_refused(tmp_path):
    path = tmp_path / "fel.md"
    path.write_text("---\naccess: gratis\n---\n", "utf-8")

    with pytest.raises(ContentError, match="access"):
        read_markdown(path)


# --- Properties -----------------------------------------------------------------------

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300)


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@given(any_text)
def test_any_paragraph_text_gives_only_our_own_tags(text):
    collector = TagCollector()
    collector.feed(f"<p>{inline_html(text)}</p>")

    assert {tag for tag, _ in collector.tags} <= {"p", "b", "i", "a"}
    for tag, attrs in collector.tags:
        if tag == "a":
            assert set(attrs) == {"href"}
            assert attrs["href"].startswith(("http://", "https://", "mailto:", "/"))


@settings(max_examples=60, deadline=None)
@given(st.lists(any_text, max_size=6).map("\n\n".join))
def test_any_body_text_gives_stream_data_that_the_body_block_accepts(text):
    block = BodyBlock()
    data = body_data(text)
    assume(data)  # an empty body is refused by the editor too

    block.clean(block.to_python(data))
