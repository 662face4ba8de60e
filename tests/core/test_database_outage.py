"""When the database fails mid-request the reader gets a clear page and a retry hint."""

from django.db import OperationalError

from utgivare.publication.models import HomePage


def test_database_failure_shows_a_retry_page_not_a_crash(client, tree, monkeypatch):
    def failing_context(self, request, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(HomePage, "get_context", failing_context)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "Sidan kunde inte visas just nu" in body
    assert "Ingenting du skickade har sparats" in body


def test_health_check_answers_503_when_the_database_is_gone(client, db, monkeypatch):
    from utgivare.core import health

    monkeypatch.setattr(health, "database", lambda: health.UNAVAILABLE)
    response = client.get("/halsa/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response["Cache-Control"] == "no-store"
