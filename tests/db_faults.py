"""Database faults on demand: a PostgreSQL connection cut mid-request, a locked SQLite file.

PostgreSQL: when the request's connection is about to run (or has just run)
the matching statement, a second connection terminates its backend with
`pg_terminate_backend`, as a database restart or a network cut would.
SQLite: another connection holds an exclusive lock on the database file, so
every write waits out a short busy timeout and fails with "database is locked".
"""

import contextlib
import sqlite3

import pytest
from django.db import connection, connections

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_terminate_backend needs PostgreSQL; SQLite runs the locked-file fault instead",
)
only_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="a locked database file is SQLite's fault; PostgreSQL runs the connection cut instead",
)


def terminate_backend_of(victim) -> None:
    pid = victim.connection.info.backend_pid
    killer = connections.create_connection("default")
    try:
        with killer.cursor() as cursor:
            # With a timeout, PostgreSQL waits until the backend is really gone.
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
    finally:
        killer.close()


@contextlib.contextmanager
def connection_cut(statement_start: str, *, after: bool = False):
    """Cut this thread's PostgreSQL connection at the first statement starting so.

    Yields a list that holds the statement once the cut has happened.
    """
    cut = []

    def wrapper(execute, sql, params, many, context):
        if cut or not sql.lstrip().upper().startswith(statement_start.upper()):
            return execute(sql, params, many, context)
        cut.append(sql)
        if not after:
            terminate_backend_of(context["connection"])
            return execute(sql, params, many, context)
        result = execute(sql, params, many, context)
        terminate_backend_of(context["connection"])
        return result

    with connection.execute_wrapper(wrapper):
        yield cut
    # What Django does at the end of every request (the test client leaves it
    # out): a connection that broke outside a transaction is closed, and the
    # next query opens a new one.
    connection.close_if_unusable_or_obsolete()


@contextlib.contextmanager
def database_file_locked(busy_timeout: float = 0.2):
    """Another process holds the SQLite write lock for as long as the block runs."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    usual_timeout = options.get("timeout")
    connection.close()
    options["timeout"] = busy_timeout
    locker = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        locker.execute("ROLLBACK")
        locker.close()
        connection.close()
        if usual_timeout is None:
            options.pop("timeout", None)
        else:
            options["timeout"] = usual_timeout


def insert_into(model) -> str:
    return f'INSERT INTO "{model._meta.db_table}"'


WRITE_FAULTS = [
    pytest.param("cut before the insert", marks=only_postgresql),
    pytest.param("cut after the insert", marks=only_postgresql),
    pytest.param("file locked", marks=only_sqlite),
]


def write_fault(kind: str, model):
    """The fault named `kind` (one of WRITE_FAULTS), aimed at storing a `model` row."""
    if kind == "file locked":
        return database_file_locked()
    return connection_cut(insert_into(model), after=kind == "cut after the insert")
