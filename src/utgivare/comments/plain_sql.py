"""Statements every article view runs, written out: the ORM's compiling of a query
costs ten times more CPU than running it (0.2 ms against 0.01 ms for the thread
row). Parameterised, the same on SQLite and PostgreSQL."""

import datetime as dt
import functools

from django.db import connection

from .models import Thread

# Thread's concrete fields, in the order of the statement below.
_THREAD_FIELDS = ("page_id", "approved_count", "closing", "version", "last_comment_at")


@functools.cache
def _thread_sql() -> str:
    table = connection.ops.quote_name(Thread._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in _THREAD_FIELDS)
    return f"SELECT {columns} FROM {table} WHERE page_id = %s"  # noqa: S608 - our table


def thread_row(page_id) -> Thread | None:
    """The page's stored thread row, or None."""
    with connection.cursor() as cursor:
        cursor.execute(_thread_sql(), [page_id])
        row = cursor.fetchone()
    if row is None:
        return None
    *fields, last_comment_at = row
    return Thread.from_db(connection.alias, _THREAD_FIELDS, (*fields, _utc(last_comment_at)))


def _utc(value):
    """An aware UTC datetime as the ORM gives it: PostgreSQL's driver answers one;
    SQLite's a naive UTC datetime or an ISO string, depending on its converters."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
