"""/halsa/ names each dependency; only a missing database makes it answer 503."""

from utgivare.core import health


def test_health_check_names_every_dependency(client, db):
    response = client.get("/halsa/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    # Tests run tasks inline and keep media on local disk.
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "tasks": "inline",
        "storage": "ok",
    }


def test_a_missing_media_folder_is_fine_while_it_can_be_created(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media" / "not-yet"
    assert client.get("/halsa/").json()["storage"] == "ok"


def test_media_storage_that_cannot_hold_files_is_reported_but_readers_are_served(
    client, db, settings, tmp_path
):
    # A file where the media folder should be: nothing can be stored under it.
    blocked = tmp_path / "media"
    blocked.write_text("not a folder")
    settings.MEDIA_ROOT = blocked
    response = client.get("/halsa/")
    assert response.status_code == 200
    assert response.json()["storage"] == "unavailable"


def test_database_task_queue_is_ok_when_its_table_answers(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.get("/halsa/").json()["tasks"] == "ok"


def test_unreadable_task_table_is_reported_but_readers_are_served(
    client, db, settings, monkeypatch
):
    from django.db import OperationalError
    from django_tasks_db.models import DBTaskResult

    def table_gone(*args, **kwargs):
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(type(DBTaskResult.objects), "exists", table_gone, raising=False)
    response = client.get("/halsa/")
    assert response.status_code == 200
    assert response.json()["tasks"] == "unavailable"


def test_readers_are_served_exactly_when_the_database_answers():
    assert health.serves_readers({"database": "ok", "cache": "unavailable"})
    assert not health.serves_readers({"database": "unavailable", "cache": "ok"})
