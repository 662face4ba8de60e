"""The health check's probes: one cheap question per dependency, nothing written.

Each probe answers "ok", "unavailable", or for the task queue "inline" (tasks
run inside the request, no queue to reach) and "off" (the dummy backend).
"""

import logging
import os
from pathlib import Path

from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
# A name nobody stores a file under; asking for it reaches the storage without writing.
STORAGE_PROBE = ".utgivare-health-probe"


def serves_readers(report: dict[str, str]) -> bool:
    """Readers can do without the cache, the queue and the media storage, not the database."""
    return report.get("database") == OK


def report() -> dict[str, str]:
    return {
        "database": database(),
        "cache": cache(),
        "tasks": tasks(),
        "storage": storage(),
    }


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means unavailable
        logger.warning("Health check: the database does not answer", exc_info=True)
        return UNAVAILABLE
    return OK


def cache() -> str:
    backend = caches["default"]
    if hasattr(backend, "redis_available"):
        # The resilient Redis cache never raises; ask it whether Redis answers.
        return OK if backend.redis_available() else UNAVAILABLE
    try:
        backend.get(STORAGE_PROBE)
    except Exception:  # noqa: BLE001
        return UNAVAILABLE
    return OK


def tasks() -> str:
    from django_tasks import task_backends
    from django_tasks.backends.dummy import DummyBackend
    from django_tasks.backends.immediate import ImmediateBackend

    backend = task_backends["default"]
    if isinstance(backend, ImmediateBackend):
        return "inline"
    if isinstance(backend, DummyBackend):
        return "off"
    try:
        from django_tasks_db import DatabaseBackend
        from django_tasks_db.models import DBTaskResult

        if isinstance(backend, DatabaseBackend):
            # The queue is a table: can the worker's table be read?
            DBTaskResult.objects.exists()
    except Exception:  # noqa: BLE001
        logger.warning("Health check: the task queue does not answer", exc_info=True)
        return UNAVAILABLE
    return OK


def storage() -> str:
    backend = storages["default"]
    try:
        if isinstance(backend, FileSystemStorage):
            return OK if _can_write_under(Path(backend.location)) else UNAVAILABLE
        backend.exists(STORAGE_PROBE)
    except Exception:  # noqa: BLE001
        logger.warning("Health check: the media storage does not answer", exc_info=True)
        return UNAVAILABLE
    return OK


def _can_write_under(location: Path) -> bool:
    """The media folder, or the folder it will be created in on the first upload, is writable."""
    for folder in (location, *location.parents):
        if folder.exists():
            return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    return False
