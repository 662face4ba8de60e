"""Running a search against the index: one query per database, the same answers.

A reader's words must all match (each by its Snowball stem, or as the start of a
longer word: the compound fallback). A piece is matched on its public text (title,
lead, byline, kicker, teaser) for everyone, and on its whole body only where
`rules.FullTextScope` allows; a match on the body alone can therefore never list a
piece for a reader who may not read it, nor can a body word that is the start of a
teaser word (the public side never sees the body). Ranking: title over lead over
byline and kicker over body; the newer piece first when scores tie.
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


def _tsquery(query: Query) -> str:
    # Words are \w+ only (language.words), so nothing in them is tsquery syntax.
    return " & ".join(
        f"{word}:*" if len(word) >= MIN_PREFIX_LENGTH else word for word in query.words
    )


def _postgresql(query, scope, filters, *, count, offset=0, limit=0):
    full_ok, full_params = _full_text_condition(scope)
    where, filter_params = _filter_conditions(filters)
    match = f"(e.public_vector @@ q.query OR ({full_ok} AND e.full_vector @@ q.query))"
    head = "WITH q AS (SELECT to_tsquery('swedish'::regconfig, %s) AS query) "
    params = [_tsquery(query)]
    if count:
        sql = f"{head}SELECT count(*) FROM {ENTRY_TABLE} e, q WHERE {match} AND {where}"
        return sql, params + full_params + filter_params
    # Normalisation 1: a long body does not outrank a headline by repeating a word.
    rank = (
        f"CASE WHEN {full_ok} THEN ts_rank(e.full_vector, q.query, 1) "
        "ELSE ts_rank(e.public_vector, q.query, 1) END"
    )
    sql = (
        f"{head}SELECT e.page_id FROM {ENTRY_TABLE} e, q WHERE {match} AND {where} "
        f"ORDER BY round(({rank})::numeric, 3) DESC, e.published_at DESC, e.page_id DESC "
        "LIMIT %s OFFSET %s"
    )
    return sql, params + full_params + filter_params + full_params + [limit, offset]


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
    # Columns: title, lead, meta (byline, kicker), teaser, body. The public side gives
    # the body no weight, so not even the order of results depends on hidden text.
    matched = (
        f"SELECT rowid AS page_id, bm25({FTS_TABLE}, 10.0, 4.0, 2.0, 1.0, 0.0) AS score, "
        f"0 AS whole FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
        "UNION ALL "
        f"SELECT rowid, bm25({FTS_TABLE}, 10.0, 4.0, 2.0, 1.0, 1.0), 1 "
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    )
    params = ["{title lead meta teaser} : " + expression, expression]
    body = (
        f"FROM ({matched}) m JOIN {ENTRY_TABLE} e ON e.page_id = m.page_id "
        f"WHERE (m.whole = 0 OR {full_ok}) AND {where}"
    )
    params += full_params + filter_params
    if count:
        return f"SELECT count(DISTINCT m.page_id) {body}", params
    sql = (
        f"SELECT m.page_id {body} GROUP BY m.page_id "
        "ORDER BY round(min(m.score), 2), e.published_at DESC, m.page_id DESC "
        "LIMIT %s OFFSET %s"
    )
    return sql, params + [limit, offset]


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
