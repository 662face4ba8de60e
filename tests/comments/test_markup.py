"""What a commenter writes becomes paragraphs and links, and nothing else."""

import re

from hypothesis import given
from hypothesis import strategies as st

from utgivare.comments.comment_text import count_links, render, safe_website


def test_blank_lines_make_paragraphs_and_newlines_line_breaks():
    assert render("Ett\ntvå\n\nTre") == "<p>Ett<br>två</p><p>Tre</p>"


def test_urls_become_nofollow_ugc_links_without_trailing_punctuation():
    html = render("Läs https://norrvik.example/protokoll?id=4&sida=2. Sedan (www.norrvik.example).")
    assert (
        '<a href="https://norrvik.example/protokoll?id=4&amp;sida=2" rel="nofollow ugc noopener">'
        in html
    )
    assert '<a href="http://www.norrvik.example" rel="nofollow ugc noopener">' in html
    assert "</a>. Sedan (" in html and "</a>).</p>" in html


def test_markup_is_shown_as_text():
    html = render('<script>alert(1)</script> <b>fet</b> <a href="javascript:alert(1)">x</a>')
    assert "<script" not in html and "<b>" not in html and "javascript:" not in html.split(">")[0]
    assert "&lt;script&gt;" in html


def test_javascript_urls_are_never_links():
    assert "<a" not in render("javascript:alert(document.cookie)")
    assert safe_website("javascript:alert(1)") == ""
    assert safe_website(" https://anna.example/ ") == "https://anna.example/"
    assert safe_website('https://x.example/"onmouseover="alert(1)') == ""


def test_links_are_counted_like_they_are_rendered():
    assert count_links("a https://x.example b www.y.example c http://") == 2


_TAG = re.compile(r"<\s*/?\s*([a-zA-Z0-9]+)([^>]*)>")


@given(st.text(max_size=400))
def test_any_text_renders_to_only_p_br_and_safe_links(text):
    html = str(render(text))
    for tag, attributes in _TAG.findall(html):
        assert tag in ("p", "br", "a"), html
        if tag == "a" and attributes.strip():
            assert re.fullmatch(
                r' href="https?://[^"]*" rel="nofollow ugc noopener"', attributes
            ), html
        elif tag != "a":
            assert not attributes.strip(), html


@given(st.text(alphabet=st.sampled_from("<>\"'&/=:; abcjsriptvaSCRIPT()\nhtw."), max_size=200))
def test_angle_brackets_in_text_are_always_escaped(text):
    html = str(render(text))
    # Only our own tags remain; every other "<" the commenter typed is escaped.
    assert "<" not in _TAG.sub("", html)
