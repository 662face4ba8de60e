"""Search result snippets, cut only from text every reader may see."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import language

SNIPPET_WORDS = 30
WORDS_BEFORE_MATCH = 8
_EDGE_PUNCTUATION = "\"'”“’‘«»()[]{}.,;:!?–—-…"


def query_terms(query: str) -> list[str]:
    return language.query_words(query)


def _token_matcher(terms: list[str]):
    """Does a token of the text (a word with its punctuation) match a query word as the
    index does (by stem or prefix)? Remembered per token: a body repeats its words."""
    word_matches = language.matcher(terms)
    seen = {}

    def matches(token: str) -> bool:
        found = seen.get(token)
        if found is None:
            found = seen[token] = any(word_matches(word) for word in language.words(token))
        return found

    return matches


def _highlight(word: str, matches) -> str:
    """The escaped word, its letters in <mark> when it matches (punctuation left outside)."""
    if not matches(word):
        return escape(word)
    bare = word.strip(_EDGE_PUNCTUATION)
    before, _, after = word.partition(bare)
    return f"{escape(before)}<mark>{escape(bare)}</mark>{escape(after)}"


def snippet(text: str, query: str, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `text` around the first query term, terms in <mark>.

    `text` must already be limited to what the reader may see (paywall.gate.public_blocks).
    """
    tokens = re.split(r"\s+", text.strip()) if text.strip() else []
    matches = _token_matcher(query_terms(query))
    first = next((i for i, token in enumerate(tokens) if matches(token)), 0)
    start = max(0, first - WORDS_BEFORE_MATCH)
    end = min(len(tokens), start + words)
    shown = [_highlight(token, matches) for token in tokens[start:end]]
    if start > 0:
        shown.insert(0, "…")
    if end < len(tokens):
        shown.append("…")
    # mark_safe: every word is escaped above; the only markup is our own <mark>.
    return mark_safe(" ".join(shown))  # noqa: S308
