"""Running a search against the index: one query per database, the same answers.

A reader's words must all match (each by its Snowball stem, or as the start of a
longer word: the compound fallback). A piece is matched on its public text (title,
lead, byline, kicker, teaser) for everyone, and on its whole body only where
`rules.FullTextScope` allows; a match on the body alone can therefore never list a
piece for a reader who may not read it, nor can a body word that is the start of a
teaser word (the public side never sees the body). Ranking: title over lead over
byline and kicker over body (query._TIER_POSTGRESQL); the newer piece first within.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection

from .backends import ENTRY_TABLE, FTS_TABLE
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


def _tsquery(query: Query, weight: str = "") -> str:
    # Words are \w+ only (language.words), so nothing in them is tsquery syntax.
    return " & ".join(
        f"{word}:*{weight}" if len(word) >= MIN_PREFIX_LENGTH else f"{word}:{weight}".rstrip(":")
        for word in query.words
    )


def _postgresql(query, scope, filters, *, count, offset=0, limit=0):
    full_ok, full_params = _full_text_condition(scope)
    where, filter_params = _filter_conditions(filters)
    # The GIN indexes find the matches: the public vector for everyone, the whole one
    # only where the reader may read the piece.
    match = f"(e.public_vector @@ q.query OR ({full_ok} AND e.full_vector @@ q.query))"
    head = (
        "WITH q AS (SELECT to_tsquery('swedish'::regconfig, %s) AS query, "
        "to_tsquery('swedish'::regconfig, %s) AS title_query) "
    )
    params = [_tsquery(query), _tsquery(query, "A")]
    if count:
        sql = f"{head}SELECT count(*) FROM {ENTRY_TABLE} e, q WHERE {match} AND {where}"  # noqa: S608 - table names and placeholders only
        return sql, params + full_params + filter_params
    sql = (
        f"{head}SELECT e.page_id FROM {ENTRY_TABLE} e, q WHERE {match} AND {where} "  # noqa: S608 - table names and placeholders only
        f"ORDER BY {_TIER_POSTGRESQL}, e.published_at DESC, e.page_id DESC LIMIT %s OFFSET %s"
    )
    return sql, params + full_params + filter_params + [limit, offset]


# The rank, on both databases: every word in the headline, then every word in the
# headline, lead, byline and kicker together, then the rest (matched in the body).
# The small head vector sits in the row itself, so ranking thousands of matches reads
# no large values.
_TIER_POSTGRESQL = (
    "CASE WHEN e.head_vector @@ q.title_query THEN 0 WHEN e.head_vector @@ q.query THEN 1 "
    "ELSE 2 END"
)


# --- SQLite (FTS5 over stems) ---------------------------------------------------------


def _fts_expression(query: Query) -> str:
    terms = [
        f'"{stem(word)}"*' if len(word) >= MIN_PREFIX_LENGTH else f'"{stem(word)}"'
        for word in query.words
    ]
    return "(" + " AND ".join(terms) + ")"


def _sqlite(query, scope, filters, *, count, offset=0, limit=0):
    full_ok, full_params = _full_text_condition(scope)
    where, filter_params = _filter_conditions(filters)
    expression = _fts_expression(query)
    matching = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - table names and placeholders only
    # Columns: title, lead, meta (byline, kicker), teaser, body. Anything matching at
    # all (body included) is a candidate; a reader who may not read a piece sees it only
    # when the public columns match by themselves.
    body = (
        f"FROM {ENTRY_TABLE} e WHERE e.page_id IN ({matching}) "
        f"AND ({full_ok} OR e.page_id IN ({matching})) AND {where}"
    )
    params = [expression] + full_params + ["{title lead meta teaser} : " + expression]
    params += filter_params
    if count:
        return f"SELECT count(*) {body}", params
    tier = (
        f"CASE WHEN e.page_id IN ({matching}) THEN 0 "
        f"WHEN e.page_id IN ({matching}) THEN 1 ELSE 2 END"
    )
    sql = f"SELECT e.page_id {body} ORDER BY {tier}, e.published_at DESC, e.page_id DESC "
    sql += "LIMIT %s OFFSET %s"
    params += ["{title} : " + expression, "{title lead meta} : " + expression, limit, offset]
    return sql, params


_BACKENDS = {"postgresql": _postgresql, "sqlite": _sqlite}


def _run(query, scope, filters, **kwargs):
    backend = _BACKENDS[connection.vendor]
    sql, params = backend(query, scope, filters, **kwargs)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Results:
    """The matching page ids, ranked; what Django's Paginator needs (len and slices)."""

    def __init__(self, query: Query, scope: FullTextScope, filters: Filters):
        self.query, self.scope, self.filters = query, scope, filters
        self._count = None

    def count(self) -> int:
        if self._count is None:
            if not self.query.words:
                self._count = 0
            else:
                self._count = _run(self.query, self.scope, self.filters, count=True)[0][0]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or not self.query.words:
            return [] if isinstance(window, slice) else None
        offset = window.start or 0
        limit = (window.stop if window.stop is not None else offset + 1000) - offset
        if limit <= 0:
            return []
        rows = _run(self.query, self.scope, self.filters, count=False, offset=offset, limit=limit)
        return [row[0] for row in rows]
