"""Search snippets only ever show words of the text they are cut from, escaped."""

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from utgivare.search.snippets import snippet

words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1)
texts = st.lists(words, max_size=80).map(" ".join)


@given(text=texts, query=st.text(max_size=40))
def test_snippet_shows_only_words_of_its_text(text, query):
    shown = str(snippet(text, query))
    without_marks = re.sub(r"</?mark>", "", shown)
    assert "<" not in without_marks
    for word in html.unescape(without_marks).split():
        assert word == "…" or word in text


@given(text=texts, query=st.text(max_size=40))
def test_snippet_is_at_most_thirty_words(text, query):
    shown = html.unescape(re.sub(r"</?mark>", "", str(snippet(text, query))))
    assert len([word for word in shown.split() if word != "…"]) <= 30
