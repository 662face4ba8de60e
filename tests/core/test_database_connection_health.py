"""A kept PostgreSQL connection that the server ended while it sat idle between
requests (a restart, an administrator, an idle timeout) is replaced before the
next request's first query, so no reader gets an error page for it.

The health check asks the socket first and the server only when something arrived
(core/postgresql/base.py); these tests end a real backend. PostgreSQL only: CI's
second pass runs them (SQLite has no server to lose).
"""

import time

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.test import Client

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL server only"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def kept_connections():
    """As production: connections kept between requests, with health checks."""
    saved = {key: connection.settings_dict[key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.close()
    connection.settings_dict.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    yield
    connection.close()
    connection.settings_dict.update(saved)


def _backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _end_backend(pid):
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):
            gone = admin.execute(
                "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = %s)", [pid]
            )
            if gone.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError(f"backend {pid} did not end")


def test_a_connection_ended_while_idle_is_replaced_before_the_next_query(kept_connections):
    close_old_connections()  # a request starts
    first = _backend_pid()
    close_old_connections()  # it ends: the connection is kept
    assert connection.connection is not None
    _end_backend(first)
    close_old_connections()  # the next request starts
    assert _backend_pid() != first  # its first query ran, on a new connection


def test_a_kept_healthy_connection_is_reused(kept_connections):
    close_old_connections()
    first = _backend_pid()
    for _ in range(3):
        close_old_connections()
        close_old_connections()
        assert _backend_pid() == first


def test_a_reader_gets_the_page_after_the_server_ended_the_kept_connection(kept_connections):
    # Django's per-request connection handling, which the test client leaves out.
    client = Client()
    close_old_connections()
    assert client.get("/halsa/").status_code == 200
    close_old_connections()
    _end_backend(_backend_pid())
    close_old_connections()
    response = client.get("/halsa/")
    assert response.status_code == 200, response.content[:200]
