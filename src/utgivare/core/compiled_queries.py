"""Querysets compiled to SQL once per process, then run with new values.

Drawn cold, a page's CPU time went mostly to the ORM building and compiling the
same few querysets (the sites, the pages on the way, the page itself) on every
request: about 1 ms each on these machines, against 0.1 ms of running them. The
statement of such a queryset depends only on its shape (the model, the joins, the
number of values in an `IN`), so it is compiled once, with markers where the values
go; each run puts the values where the markers were and hands the statement to
Django's own row-to-object code (`ModelIterable`: `from_db`, `select_related`,
annotations), so the objects are those the ORM would give.
`tests/core/test_compiled_queries.py` checks they are.

Only for plain `SELECT`s whose values reach the statement unchanged (an `=` or an
`IN`, not a `LIKE` pattern made from the value): a marker that is not found among
the compiled statement's parameters is an error at the first run, not a wrong query.
"""

import copy
import itertools

from django.core.exceptions import EmptyResultSet
from django.db import connections

# (shape, names of the values) -> _Compiled: a few per kind of page and site root. One
# database (the default), as everywhere in this project.
_compiled = {}
_marker_numbers = itertools.count(1)


def rows(shape, make_queryset, **values):
    """`list(make_queryset(**values))`, with the statement compiled once per `shape`.

    `shape` must name everything the statement's text depends on besides `values`
    (the model, an `IN` list's length, constants baked into the queryset); each value
    is an int, a str, or a list of them (an `IN` list). Nothing else in the queryset
    may change while the process runs: a time (`now()`) or the active language would
    stay what it was at the first compiling, so pass it as a value."""
    return _compiled_for(shape, make_queryset, values).run(values)


def statement(shape, make_queryset, **values):
    """(sql, params, alias) of `make_queryset(**values)`, compiled once per `shape`, for a
    caller that reads the rows with a plain cursor; None when the ORM would run no query
    (an empty `IN` list)."""
    found = _compiled_for(shape, make_queryset, values)
    if found.sql is None:
        return None
    return found.sql, found.params(values), found.alias


def _compiled_for(shape, make_queryset, values):
    key = (shape, tuple(values))
    found = _compiled.get(key)
    if found is None:
        found = _Compiled(make_queryset, values)
        _compiled[key] = found
    return found


def forget() -> None:
    """Compile anew (tests that change the schema or a registry the shape omits)."""
    _compiled.clear()


def _marker_for(value):
    """A value of the same type that no real parameter equals."""
    if isinstance(value, list):
        return [_marker_for(item) for item in value]
    number = next(_marker_numbers)
    if type(value) is int:
        return -(10**15) - number
    if isinstance(value, str):  # a template's literal is a SafeString
        return f"\x00compiled-query-marker-{number}\x00"
    raise TypeError(f"compiled_queries: no marker for {type(value).__name__}")


def _flat(values):
    for value in values:
        if isinstance(value, list):
            yield from value
        else:
            yield value


class _Compiled:
    def __init__(self, make_queryset, values):
        markers = {name: _marker_for(value) for name, value in values.items()}
        self.queryset = make_queryset(**markers)
        self.alias = self.queryset.db
        compiler = self.queryset.query.get_compiler(using=self.alias)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:  # an empty `IN` list: no rows, as the ORM answers
            self.sql, params = None, []
        self.compiler = compiler  # its select, klass_info and annotation_col_map
        # What turns each column's raw value into the field's (dates, UUIDs, JSON): it
        # depends on the select list only, yet Django asks every field anew on each run
        # (a twentieth of a cold GET). The functions take the connection as an argument.
        self.converters = {}
        if self.sql is not None:
            columns = [column for column, *_ in compiler.select[: compiler.col_count]]
            self.converters = compiler.get_converters(columns)
        params = list(params)
        # For each parameter: the position of its value among the flattened values,
        # or None for a constant of the shape.
        where = {(type(marker), marker): n for n, marker in enumerate(_flat(markers.values()))}
        self.slots = [where.get((type(param), param)) for param in params]
        self.constants = params
        missing = set(where.values()) - set(self.slots)
        if missing:
            raise ValueError(f"compiled_queries: values not passed unchanged: {self.sql}")
        self.names = tuple(markers)

    def params(self, values):
        flat = list(_flat(values[name] for name in self.names))
        return [
            constant if slot is None else flat[slot]
            for slot, constant in zip(self.slots, self.constants, strict=True)
        ]

    def run(self, values):
        if self.sql is None:
            return []
        params = self.params(values)
        # A copy of the compiled compiler that answers with this statement: Django's
        # ModelIterable runs it and makes the objects from its select list.
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[self.alias]  # this thread's
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        compiler.get_converters = lambda expressions: self.converters
        queryset = self.queryset.all()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)
