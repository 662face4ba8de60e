"""Swedish words for search: how text is cut into words, which words are too common
to search for, and the Snowball stem each word is indexed and looked up by.

PostgreSQL's `swedish` text search configuration does the same (Snowball's Swedish
stemmer and stop list) inside the database; SQLite has neither, so there the index
holds the stems computed here, and the query is stemmed here the same way. The
snippet highlighter uses these functions on both databases, so what is marked is
what matched.
"""

import re
from functools import lru_cache

import snowballstemmer

# Letters and digits, Swedish letters included; anything else separates words.
_WORD = re.compile(r"[^\W_]+")

# Snowball's Swedish stop list (what PostgreSQL's `swedish` configuration drops).
STOP_WORDS = frozenset(
    [
        "och",
        "det",
        "att",
        "i",
        "en",
        "jag",
        "hon",
        "som",
        "han",
        "på",
        "den",
        "med",
        "var",
        "sig",
        "för",
        "så",
        "till",
        "är",
        "men",
        "ett",
        "om",
        "hade",
        "de",
        "av",
        "icke",
        "mig",
        "du",
        "henne",
        "då",
        "sin",
        "nu",
        "har",
        "inte",
        "hans",
        "honom",
        "skulle",
        "hennes",
        "där",
        "min",
        "man",
        "ej",
        "vid",
        "kunde",
        "något",
        "från",
        "ut",
        "när",
        "efter",
        "upp",
        "vi",
        "dem",
        "vara",
        "vad",
        "över",
        "än",
        "dig",
        "kan",
        "sina",
        "här",
        "ha",
        "mot",
        "alla",
        "under",
        "någon",
        "eller",
        "allt",
        "mycket",
        "sedan",
        "ju",
        "denna",
        "själv",
        "detta",
        "åt",
        "utan",
        "varit",
        "hur",
        "ingen",
        "mitt",
        "ni",
        "bli",
        "blev",
        "oss",
        "din",
        "dessa",
        "några",
        "deras",
        "blir",
        "mina",
        "samma",
        "vilken",
        "er",
        "sådan",
        "vår",
        "blivit",
        "dess",
        "inom",
        "mellan",
        "sådant",
        "varför",
        "varje",
        "vilka",
        "ditt",
        "vem",
        "vilket",
        "sitta",
        "sådana",
        "vart",
        "dina",
        "vars",
        "vårt",
        "våra",
        "ert",
        "era",
        "vilkas",
    ]
)

# A query word shorter than this is matched whole, never as the start of longer words
# ("e" would otherwise find every word beginning with e).
MIN_PREFIX_LENGTH = 3

_stemmer = snowballstemmer.stemmer("swedish")


def words(text: str) -> list[str]:
    """The words of `text`, casefolded, in order (stop words included)."""
    return _WORD.findall(text.casefold())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one casefolded word ("hyrorna" -> "hyr")."""
    return _stemmer.stemWord(word)


def index_text(text: str) -> str:
    """`text` as the SQLite index holds it: the stems of its words, stop words left out."""
    return " ".join(stem(word) for word in words(text) if word not in STOP_WORDS)


def query_words(query: str) -> list[str]:
    """The words of a query worth looking up: no stop words, no repeats, in order."""
    seen = []
    for word in words(query):
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen


def matcher(query_words):
    """A test of one word of a text against every query word, as the index matches
    (for highlighting): by stem ("hyran" for "hyrorna"), or as the start of a longer
    word when the query word is long enough (the fallback for compounds:
    "socialtjänst" marks "socialtjänstnämnden"). The query's stems are worked out once.
    """
    stems = [(stem(word), len(word) >= MIN_PREFIX_LENGTH) for word in query_words]

    def matches(word: str) -> bool:
        word_stem = stem(word)
        return any(
            word_stem == query_stem or (prefix and word_stem.startswith(query_stem))
            for query_stem, prefix in stems
        )

    return matches


def matches(word: str, query_word: str) -> bool:
    """Does a word of a text match a query word, as the index does?"""
    return matcher([query_word])(word)
