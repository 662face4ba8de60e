"""Fixture content built once per test process, then written back with a few statements.

Building pages through the factories runs everything a real publish runs (the tree's
``add_child``, the revision, the publish and every handler it sets off, search indexing
included): about 80 statements and 0.1-0.2 s of CPU a page. The factories built 4,100
pages a run, 2,400 of them in `site_tree()`: 39 % of the suite's worker time, most of
it building the same rows again.

So `replayed(build)` runs `build` the first time and records what it did to the
database: for each table it changed, the rows before and after. A later call with the
same arguments, on a database in the state the recording started from, writes the
recorded rows back instead (per changed table one DELETE and one INSERT) and fetches
the objects `build` returned, by primary key. The rows are the same rows, ids and
timestamps included; a test cannot tell, except that its pages were published a
little earlier in the run.

"The state the recording started from" is checked, not assumed, before every replay:
all the rows of each table the build changed, of each table any statement of the build
named (what it read), and of the content types (which Django takes from a process-wide
cache without a statement). So a test that wrote rows where the build looks before
asking for the tree, a flush after a transactional test (content types come back with
new ids), or different arguments all make the build run in full again, and that run's
recording replaces the old one. The first replay of each recording also reads the
tables back and fails loudly if they differ from the recording (say, a trigger the
replay set off wrote something the build did not).

Only for builders whose effects are all in the database: a builder that writes files
(images, media) or sends mail must not be replayed.
"""

import functools
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from wagtail.models import Site

_WORD = re.compile(r"\w+")
_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


@dataclass(frozen=True)
class _Ref:
    model: type
    pk: object


@dataclass
class _Schema:
    """The tables of the test database, read once per process (migrations ran before)."""

    tables: list
    virtual: set
    insert_columns: dict = field(default_factory=dict)  # PostgreSQL: without generated


def _quote(name):
    return connection.ops.quote_name(name)


@functools.cache
def _load_schema():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            rows = cursor.fetchall()
            virtual = {name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")}
            # FTS5 keeps its index in shadow tables; the virtual table's rows are the truth.
            shadows = {v + suffix for v in virtual for suffix in _FTS_SHADOWS}
            schema = _Schema([name for name, _ in rows if name not in shadows], virtual)
        else:
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND is_generated = 'NEVER' "
                "ORDER BY table_name, ordinal_position"
            )
            insert_columns = {}
            for table, column in cursor.fetchall():
                insert_columns.setdefault(table, []).append(column)
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
            schema = _Schema([row[0] for row in cursor.fetchall()], set(), insert_columns)
    return schema


def _select(table, schema):
    if connection.vendor == "sqlite":
        rowid = "rowid, " if table in schema.virtual else ""
        return f"SELECT {rowid}* FROM {_quote(table)}"  # noqa: S608 (names from the schema)
    return f"SELECT row_to_json(t)::text FROM {_quote(table)} t"  # noqa: S608


def _read(cursor, table, schema):
    """The table's rows as a sorted tuple (comparable), with the column names."""
    cursor.execute(_select(table, schema))
    columns = [column[0] for column in cursor.description]
    return columns, tuple(sorted(cursor.fetchall(), key=repr))


def _write(cursor, table, columns, rows, schema):
    cursor.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608
    if not rows:
        return
    if connection.vendor == "sqlite":
        names = ", ".join(_quote(column) for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
            list(rows),
        )
    else:
        names = ", ".join(_quote(column) for column in schema.insert_columns[table])
        document = "[" + ",".join(row[0] for row in rows) + "]"
        cursor.execute(
            f"INSERT INTO {_quote(table)} ({names}) "  # noqa: S608
            f"SELECT {names} FROM json_populate_recordset(NULL::{_quote(table)}, %s::json)",
            [document],
        )


def _template(value):
    """`value` with each model instance replaced by a reference to fetch it again."""
    if isinstance(value, models.Model):
        return _Ref(type(value), value.pk)
    if isinstance(value, dict):
        return {key: _template(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_template(item) for item in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a replayed builder returns models, dicts, lists, plain values: {value!r}")


def _refs(value):
    if isinstance(value, _Ref):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _refs(item)


def _fill(value, fetched):
    if isinstance(value, _Ref):
        return fetched[value.model][value.pk]
    if isinstance(value, dict):
        return {key: _fill(item, fetched) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_fill(item, fetched) for item in value)
    return value


@dataclass
class _Recording:
    guarded: dict  # table -> rows before the build
    writes: list  # (table, columns, rows after the build), in replay order
    result: object
    verified: bool = False

    def matches(self, cursor, schema):
        return all(_read(cursor, table, schema)[1] == rows for table, rows in self.guarded.items())

    def replay(self, cursor, schema):
        for table, columns, rows in self.writes:
            _write(cursor, table, columns, rows, schema)
        if not self.verified:
            for table, _columns, rows in self.writes:
                if _read(cursor, table, schema)[1] != rows:
                    raise AssertionError(f"replaying the recording left {table} different")
            self.verified = True
        wanted = {}
        for ref in _refs(self.result):
            wanted.setdefault(ref.model, set()).add(ref.pk)
        fetched = {model: model._base_manager.in_bulk(pks) for model, pks in wanted.items()}
        return _fill(self.result, fetched)


_recordings = {}


def _key(build, args, kwargs):
    return (build.__module__, build.__qualname__, repr(_template(args)), repr(_template(kwargs)))


def _record(cursor, schema, build, args, kwargs):
    before = {table: _read(cursor, table, schema) for table in schema.tables}
    statements = []

    def capture(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        result = build(*args, **kwargs)
    after = {table: _read(cursor, table, schema) for table in schema.tables}
    changed = [table for table in schema.tables if after[table][1] != before[table][1]]
    # Every table a statement of the build named (over-approximated by its words): what
    # the build wrote depends on nothing else in the database. Content types too, which
    # Django takes from a process-wide cache without a statement.
    words = set(_WORD.findall(" ".join(statements)))
    guarded = set(changed) | (words & set(schema.tables)) | {ContentType._meta.db_table}
    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    # The models' tables first: triggers on them (search) rewrite derived tables, which
    # are then written as recorded; FTS virtual tables last.
    order = sorted(changed, key=lambda t: (t in schema.virtual, t not in model_tables, t))
    recording = _Recording(
        guarded={table: before[table][1] for table in sorted(guarded)},
        writes=[(table, *after[table]) for table in order],
        result=_template(result),
    )
    return recording, result


def replayed(build):
    """`build` recorded on its first call and replayed when the database allows it."""

    @functools.wraps(build)
    def run(*args, **kwargs):
        schema = _load_schema()
        key = _key(build, args, kwargs)
        with transaction.atomic(), connection.cursor() as cursor:
            recording = _recordings.get(key)
            if recording is not None and recording.matches(cursor, schema):
                # What the build's signal handlers did outside the database: Django's
                # content types and Wagtail's site root paths (a Site save clears them).
                ContentType.objects.clear_cache()
                Site.clear_site_root_paths_cache()
                return recording.replay(cursor, schema)
            _recordings[key], result = _record(cursor, schema, build, args, kwargs)
            return result

    return run
