"""Running a search against the index: one query per database, the same answers.

A reader's words must all match (each by its Snowball stem, or as the start of a
longer word: the compound fallback). A piece is matched on its public text (title,
lead, byline, kicker, teaser) for everyone, and on its whole body only where
`rules.FullTextScope` allows; a match on the body alone can therefore never list a
piece for a reader who may not read it, nor can a body word that is the start of a
teaser word (the public side never sees the body). Ranking: title over lead over
byline and kicker over body (query._TIERS_POSTGRESQL); the newer piece first within.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection

from .backends import ENTRY_TABLE, FTS_TABLE, LEXEME_TABLE, MATCH_TABLE
from .language import MIN_PREFIX_LENGTH, stem
from .rules import FullTextScope, Query

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    parent_id: int | None = None
    issue_id: int | None = None
    author_id: int | None = None
    year: int | None = None
    # Only pieces below this tree path (the site's root page).
    under_path: str = ""


def _full_text_condition(scope: FullTextScope) -> tuple[str, list]:
    if scope.everything:
        return "TRUE" if connection.vendor == "postgresql" else "1", []
    parts, params = ["e.access_level = 'free'"], []
    if scope.covered_kinds:
        parts.append(f"e.kind IN ({', '.join(['%s'] * len(scope.covered_kinds))})")
        params += sorted(scope.covered_kinds)
    if scope.free_by_default_kinds:
        kinds = sorted(scope.free_by_default_kinds)
        parts.append(f"(e.access_level = '' AND e.kind IN ({', '.join(['%s'] * len(kinds))}))")
        params += kinds
    return "(" + " OR ".join(parts) + ")", params


def _filter_conditions(filters: Filters) -> tuple[str, list]:
    parts, params = [], []
    if filters.under_path:
        parts.append("e.path LIKE %s")
        params.append(filters.under_path + "%")
    if filters.kinds:
        parts.append(f"e.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params += list(filters.kinds)
    for column in ("parent_id", "issue_id", "author_id"):
        value = getattr(filters, column)
        if value is not None:
            parts.append(f"e.{column} = %s")
            params.append(value)
    if filters.year is not None:
        start = dt.datetime(filters.year, 1, 1, tzinfo=STOCKHOLM)
        end = dt.datetime(filters.year + 1, 1, 1, tzinfo=STOCKHOLM)
        parts.append("e.published_at >= %s AND e.published_at < %s")
        params += [connection.ops.adapt_datetimefield_value(moment) for moment in (start, end)]
    return (" AND ".join(parts) or "1 = 1"), params


# --- PostgreSQL -----------------------------------------------------------------------


# A prefix with more word forms than this in the index is left to GIN's own prefix match.
MAX_PREFIX_FORMS = 200


def _postgresql_terms_sql(query: Query) -> tuple[str, list]:
    """SQL for the tsquery of `query` as text, every prefix expanded to the lexemes it begins.

    Each word as PostgreSQL's `swedish` configuration stems it; a word of
    MIN_PREFIX_LENGTH letters or more also as the start of longer lexemes, looked up in
    the lexeme table (search.0003) and asked for as alternatives, `('kommun' |
    'kommunal')`: GIN finds those ten times faster than `'kommun':*`. A word found in no
    piece stays as it is (it matches nothing, so neither does the query). NULL when no
    word is left (all stop words): then nothing matches.
    """
    values = ", ".join(["(%s, %s)"] * len(query.words))
    params = []
    for word in query.words:
        params += [word, len(word) >= MIN_PREFIX_LENGTH]
    sql = (
        "(WITH words AS ("  # noqa: S608 - table names and placeholders only
        f"SELECT w.prefix, lexeme FROM (VALUES {values}) AS w(word, prefix), "
        "LATERAL unnest(tsvector_to_array(to_tsvector('swedish'::regconfig, w.word))) AS lexeme"
        ") SELECT string_agg(CASE "
        "WHEN NOT words.prefix OR longer.found = 0 THEN quote_literal(words.lexeme) "
        "WHEN longer.found > %s THEN quote_literal(words.lexeme) || ':*' "
        "ELSE '(' || longer.forms || ')' END, ' & ') "
        "FROM words, LATERAL (SELECT count(*) AS found, "
        "string_agg(quote_literal(l.word), ' | ') AS forms FROM ("
        f"SELECT word FROM {LEXEME_TABLE} WHERE word >= words.lexeme "
        "AND word < words.lexeme || chr(1114111) ORDER BY word LIMIT %s) AS l) AS longer)"
    )
    return sql, params + [MAX_PREFIX_FORMS, MAX_PREFIX_FORMS + 1]


def _postgresql_terms(query: Query) -> str | None:
    """The expanded tsquery as text, for queries that take it as a constant: the tier
    queries, whose plan (the date index or a GIN index) depends on how common the words
    are, which the planner can then estimate from the vectors' statistics."""
    sql, params = _postgresql_terms_sql(query)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        return cursor.fetchone()[0]


def _postgresql_arms(scope):
    """The match as two disjoint conditions, one per GIN index, to be UNION ALL'd.

    The public vector for pieces the reader may not read, the whole one for those they
    may: the teaser is the body's first paragraph (ReadablePiece.teaser_blocks), so the
    whole vector holds every public word and the two arms are the rule "public text, or
    the whole text where allowed". Each arm is one index condition plus cheap column
    tests, so PostgreSQL never reads the large vectors to test a row it found by an
    index; an OR of the two would make it test (and decompress) both for every row.
    """
    full_ok, full_params = _full_text_condition(scope)
    return [
        (f"e.public_vector @@ q.query AND NOT {full_ok}", full_params),
        (f"e.full_vector @@ q.query AND {full_ok}", full_params),
    ]


# The tier of a match, from the two small vectors kept in the row (see _TIERS_POSTGRESQL).
_TIER_OF_ROW_POSTGRESQL = (
    "CASE WHEN e.title_vector @@ q.query THEN 0 WHEN e.head_vector @@ q.query THEN 1 ELSE 2 END"
)
# The date as an integer (microseconds): the counting query returns up to COUNT_CAP
# rows, and integers are read far faster than timestamps with a time zone.
_SORT_KEY_POSTGRESQL = "(extract(epoch FROM e.published_at) * 1000000)::bigint"


def _postgresql_count(query, scope, filters, *, cap):
    # The expansion inside the query, in the same round trip. Its result is a value the
    # planner does not know, so it plans for a few hundred matches and finds them by the
    # GIN indexes' bitmaps, which read only the matching rows (up to `cap` of them).
    terms, params = _postgresql_terms_sql(query)
    head = f"WITH q AS (SELECT {terms}::tsquery AS query) "
    where, filter_params = _filter_conditions(filters)
    arms, arm_params = [], []
    for condition, condition_params in _postgresql_arms(scope):
        arms.append(
            f"SELECT e.page_id, {_SORT_KEY_POSTGRESQL}, {_TIER_OF_ROW_POSTGRESQL} "  # noqa: S608 - table names and placeholders only
            f"FROM {MATCH_TABLE} e, q WHERE {condition} AND {where}"
        )
        arm_params += condition_params + filter_params
    # At most `cap` rows: reading all of 50,000 matches would take seconds.
    sql = f"{head}{' UNION ALL '.join(arms)} LIMIT %s"
    return sql, params + arm_params + [cap]


# The tiers, best first: every word in the headline; every word in headline, lead, byline
# and kicker together; the rest (matched in the teaser or body). The head vector is part of
# the public one, so a head match is a match for every reader and the head tiers need no
# other test; both head vectors are small, kept in the row of the narrow match table, and
# have GIN indexes of their own (search.0003). Each tier is its own query, newest first
# with a LIMIT, so a common word reads the newest few rows by the date index instead of
# sorting every match, and a rare one is found by a GIN index.
_TIERS_POSTGRESQL = (
    "e.title_vector @@ q.query",
    "e.head_vector @@ q.query AND NOT e.title_vector @@ q.query",
    "NOT e.head_vector @@ q.query",
)
_ORDER = "ORDER BY published_at DESC, page_id DESC LIMIT %s"


def _postgresql_tier(terms, scope, filters, *, tier, limit):
    head, params = "WITH q AS (SELECT %s::tsquery AS query) ", [terms]
    where, filter_params = _filter_conditions(filters)
    condition = _TIERS_POSTGRESQL[tier]
    select = f"SELECT e.page_id, e.published_at FROM {MATCH_TABLE} e, q WHERE {condition}"  # noqa: S608 - table names and placeholders only
    if tier < 2:
        sql = f"{head}{select} AND {where} {_ORDER.replace('ORDER BY ', 'ORDER BY e.')}"
        return sql, params + filter_params + [limit]
    arms, arm_params = [], []
    for match, match_params in _postgresql_arms(scope):
        arms.append(f"({select} AND {match} AND {where} {_ORDER})")
        arm_params += match_params + filter_params + [limit]
    sql = f"{head}SELECT page_id FROM ({' UNION ALL '.join(arms)}) AS found {_ORDER}"  # noqa: S608 - table names and placeholders only
    return sql, params + arm_params + [limit]


# --- SQLite (FTS5 over stems) ---------------------------------------------------------


def _fts_expression(query: Query) -> str:
    terms = [
        f'"{stem(word)}"*' if len(word) >= MIN_PREFIX_LENGTH else f'"{stem(word)}"'
        for word in query.words
    ]
    return "(" + " AND ".join(terms) + ")"


def _sqlite_parts(query, scope, filters):
    full_ok, full_params = _full_text_condition(scope)
    where, filter_params = _filter_conditions(filters)
    expression = _fts_expression(query)
    # Columns: title, lead, meta (byline, kicker), teaser, body. Anything matching at
    # all (body included) is a candidate; a reader who may not read a piece sees it only
    # when the public columns match by themselves.
    condition = (
        f"e.page_id IN ({_SQLITE_MATCHING}) "
        f"AND ({full_ok} OR e.page_id IN ({_SQLITE_MATCHING})) AND {where}"
    )
    params = [expression] + full_params + ["{title lead meta teaser} : " + expression]
    return condition, params + filter_params, expression


_SQLITE_MATCHING = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - table names and placeholders only


def _sqlite_count(query, scope, filters, *, cap):
    condition, params, expression = _sqlite_parts(query, scope, filters)
    tier = (
        f"CASE WHEN e.page_id IN ({_SQLITE_MATCHING}) THEN 0 "
        f"WHEN e.page_id IN ({_SQLITE_MATCHING}) THEN 1 ELSE 2 END"
    )
    tier_params = ["{title} : " + expression, "{title lead meta} : " + expression]
    sql = (
        f"SELECT e.page_id, e.published_at, {tier} FROM {ENTRY_TABLE} e "  # noqa: S608 - table names and placeholders only
        f"WHERE {condition} LIMIT %s"
    )
    return sql, tier_params + params + [cap]


# The same tiers as on PostgreSQL, by FTS5 column filters.
_TIERS_SQLITE = (
    (("{title}",), ()),
    (("{title lead meta}",), ("{title}",)),
    ((), ("{title lead meta}",)),
)


def _sqlite_tier(query, scope, filters, *, tier, limit):
    condition, params, expression = _sqlite_parts(query, scope, filters)
    within, outside = _TIERS_SQLITE[tier]
    for columns in within:
        condition += f" AND e.page_id IN ({_SQLITE_MATCHING})"
        params.append(f"{columns} : {expression}")
    for columns in outside:
        condition += f" AND e.page_id NOT IN ({_SQLITE_MATCHING})"
        params.append(f"{columns} : {expression}")
    sql = (
        f"SELECT e.page_id FROM {ENTRY_TABLE} e WHERE {condition} "  # noqa: S608 - table names and placeholders only
        "ORDER BY e.published_at DESC, e.page_id DESC LIMIT %s"
    )
    return sql, params + [limit]


# Per database: what a query becomes before it is run (None: it can match nothing), the
# counting query and the tier query.
_BACKENDS = {
    "postgresql": (_postgresql_terms, _postgresql_count, _postgresql_tier),
    "sqlite": (lambda query: query, _sqlite_count, _sqlite_tier),
}

# A search counts its matches up to this many; beyond, the page says "more than".
COUNT_CAP = 1000
TIER_COUNT = 3


class Results:
    """The matching page ids, ranked; what Django's Paginator needs (len and slices).

    `count()` stops at COUNT_CAP (then `more_than_cap` is true), so paging reaches the
    first COUNT_CAP matches. Up to the cap, the counting query returns the matches
    themselves with their tier, and they are ranked here; beyond it, each page asks
    the database for the newest rows of each tier.
    """

    def __init__(self, query: Query, scope: FullTextScope, filters: Filters):
        self.query, self.scope, self.filters = query, scope, filters
        self._count = None
        self._ranked = None
        self._terms = None
        self.more_than_cap = False

    def count(self) -> int:
        if self._count is None:
            if not self.query.words:
                self._count, self._ranked = 0, []
            else:
                counter = _BACKENDS[connection.vendor][1]
                sql, params = counter(self.query, self.scope, self.filters, cap=COUNT_CAP + 1)
                # Found by the GIN indexes: only the first COUNT_CAP + 1 matches are read.
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    rows = cursor.fetchall()
                self.more_than_cap = len(rows) > COUNT_CAP
                self._count = min(len(rows), COUNT_CAP)
                if not self.more_than_cap:
                    # Best tier first, newest first within it, the higher id first on a tie.
                    rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
                    rows.sort(key=lambda row: row[2])
                    self._ranked = [row[0] for row in rows]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            # Only slices: a template looking up an attribute must not get None from here.
            raise TypeError("Results take slices only")
        if not self.query.words:
            return []
        offset = window.start or 0
        stop = window.stop if window.stop is not None else offset + COUNT_CAP
        if stop <= offset:
            return []
        self.count()
        if self._ranked is not None:
            return self._ranked[offset:stop]
        # Many matches: the best tier first, each newest first by the date index, asking
        # each for what is still missing.
        terms_of, _, tier_query = _BACKENDS[connection.vendor]
        if self._terms is None:
            self._terms = terms_of(self.query)
        ids = []
        with connection.cursor() as cursor:
            for tier in range(TIER_COUNT):
                sql, params = tier_query(
                    self._terms, self.scope, self.filters, tier=tier, limit=stop - len(ids)
                )
                cursor.execute(sql, params)
                ids += [row[0] for row in cursor.fetchall()]
                if len(ids) >= stop:
                    break
        return ids[offset:stop]
