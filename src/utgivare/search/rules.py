"""The search rules, as plain functions: what a query may be, and whose whole text a
reader's query may match.

No request and no clock inside: the view passes what it read.
"""

from dataclasses import dataclass

from utgivare.core.text_input import clean_text, has_forbidden_characters
from utgivare.paywall.levels import AccessLevel

from .language import query_words

# The form allows this many characters; a longer query is refused, not cut, so the
# reader never gets results for words they cannot see in the box.
MAX_QUERY_LENGTH = 200
# More words than this is not a search but a pasted text.
MAX_QUERY_WORDS = 12


@dataclass(frozen=True)
class Query:
    text: str  # as shown back to the reader: cleaned, NFC, spaces collapsed
    words: tuple[str, ...]  # casefolded, stop words left out


class RefusedQuery(ValueError):
    """A query the search will not run; `message` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def parse_query(raw: str, *, refused_message, too_long_message) -> Query:
    """The query a reader typed, cleaned; RefusedQuery when it cannot be a search.

    Control characters (NUL included) and lone surrogates are refused; other odd
    Unicode is brought to NFC (so a decomposed "å" finds "å"); runs of spaces collapse.
    """
    if has_forbidden_characters(raw):
        raise RefusedQuery(refused_message)
    text = " ".join(clean_text(raw).split())
    if len(text) > MAX_QUERY_LENGTH:
        raise RefusedQuery(too_long_message)
    return Query(text=text, words=tuple(query_words(text)[:MAX_QUERY_WORDS]))


@dataclass(frozen=True)
class FullTextScope:
    """Whose whole body a reader's query may match; the rest is matched on its public text.

    `everything` for staff; else the piece kinds the reader's subscription covers, plus
    any piece whose effective level is free (its own level, or the site default for its
    kind when it has none).
    """

    everything: bool = False
    covered_kinds: frozenset[str] = frozenset()
    free_by_default_kinds: frozenset[str] = frozenset()


def full_text_scope(*, is_staff, covered_kinds, site_defaults) -> FullTextScope:
    """`site_defaults`: {kind: the site's default level for it}."""
    return FullTextScope(
        everything=bool(is_staff),
        covered_kinds=frozenset(covered_kinds),
        free_by_default_kinds=frozenset(
            kind for kind, level in site_defaults.items() if level == AccessLevel.FREE
        ),
    )


def may_match_full_text(scope: FullTextScope, *, kind: str, access_level: str) -> bool:
    """The same rule as the database condition in search.query, for one piece."""
    if scope.everything or kind in scope.covered_kinds:
        return True
    if access_level == AccessLevel.FREE:
        return True
    return access_level == "" and kind in scope.free_by_default_kinds
