"""The one rule for control characters in text from outside (core/text_input.py)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from utgivare.core.text_input import (
    clean_text,
    first_refused_input,
    has_forbidden_characters,
    positive_id,
)

ANY_TEXT = st.text(st.characters(exclude_categories=[]) | st.characters(categories=["Cs"]))


def test_nul_and_other_controls_are_forbidden_but_tab_and_newlines_are_not():
    for char in "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f\ud800":
        assert has_forbidden_characters(f"a{char}b"), repr(char)
    assert not has_forbidden_characters("Rad ett\n\trad två\r\n")
    assert not has_forbidden_characters("Åsa Öberg – «citat» 😀 \u200b \u202e")


def test_clean_text_drops_controls_and_composes_letters():
    assert clean_text("Ba\x00kgata\x0b 1") == "Bakgata 1"
    assert clean_text("A\u030angstro\u0308m") == "Ångström"
    assert clean_text("Två\nrader\tmed tabb") == "Två\nrader\tmed tabb"


@given(ANY_TEXT)
def test_cleaned_text_never_holds_a_forbidden_character_and_is_stable(value):
    cleaned = clean_text(value)
    assert not has_forbidden_characters(cleaned)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text(cleaned) == cleaned
    # Encodable, so it can reach the database and a page.
    cleaned.encode("utf-8")


@given(ANY_TEXT)
def test_text_without_forbidden_characters_only_changes_its_normal_form(value):
    if not has_forbidden_characters(value):
        assert clean_text(value) == unicodedata.normalize("NFC", value)


def test_refused_input_names_the_part_of_the_request():
    assert first_refused_input(path="/sok/", query=[("q", "a\x00")]) == "query parameter 'q'"
    assert first_refused_input(path="/s\x00k/", query=[]) == "path"
    assert (
        first_refused_input(path="/", query=[], headers=[("X-Forwarded-For", "1.2.3.4\x00")])
        == "header X-Forwarded-For"
    )
    assert first_refused_input(path="/sok/", query=[("q", "Åsa\tÖberg")]) is None


def test_only_ascii_digits_that_fit_the_database_make_an_id():
    assert positive_id("42") == 42
    for odd in ["", None, "0", "-1", "²", "٣", "1.5", " 4", "9" * 19, "x"]:
        assert positive_id(odd) is None, odd
