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


def _matches(token: str, terms: list[str]) -> bool:
    """Does a word of the text match a query word as the index does (by stem or prefix)?"""
    return any(language.matches(word, term) for word in language.words(token) for term in terms)


def _highlight(word: str, terms: list[str]) -> str:
    """The escaped word, its letters in <mark> when it matches (punctuation left outside)."""
    if not _matches(word, terms):
        return escape(word)
    bare = word.strip(_EDGE_PUNCTUATION)
    before, _, after = word.partition(bare)
    return f"{escape(before)}<mark>{escape(bare)}</mark>{escape(after)}"


def snippet(text: str, query: str, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `text` around the first query term, terms in <mark>.

    `text` must already be limited to what the reader may see (paywall.gate.public_blocks).
    """
    tokens = re.split(r"\s+", text.strip()) if text.strip() else []
    terms = query_terms(query)
    first = next((i for i, token in enumerate(tokens) if _matches(token, terms)), 0)
    start = max(0, first - WORDS_BEFORE_MATCH)
    end = min(len(tokens), start + words)
    shown = [_highlight(token, terms) for token in tokens[start:end]]
    if start > 0:
        shown.insert(0, "…")
    if end < len(tokens):
        shown.append("…")
    # mark_safe: every word is escaped above; the only markup is our own <mark>.
    return mark_safe(" ".join(shown))  # noqa: S308
