"""The migrated test database, built once and copied for every run and xdist worker.

Migrating an empty database runs about 220 migrations (most of them Wagtail's; SQLite
rebuilds a table for many of them): 10-30 s. Before this, every xdist worker paid that
in the setup of its first test, which is why the alphabetically first module
(tests/accounts/test_account_deletion.py) looked slow.

Now the first run migrates one template database and keeps it, named for a fingerprint
of every installed app's migration files; each run and worker copies it (a file copy
on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL) and Django then runs
``migrate`` on the copy as usual, which finds nothing left to do. Changing any migration
file changes the fingerprint, so a stale template is never used (data migrations
read only their own file and the historical models, never app code, so the files are
the whole story); ``pytest --create-db`` skips the template and migrates from nothing.
"""

import fcntl
import hashlib
import importlib
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

# Next to the development database, which `make clean` removes; outside git.
SQLITE_DIR = Path(settings.PROJECT_DIR) / "var" / "test-db"


def migrations_fingerprint() -> str:
    """A short hash over the migration files of every installed app, Django's and
    Wagtail's included, so upgrading a package also makes a new template."""
    digest = hashlib.sha256()
    for app_config in sorted(apps.get_app_configs(), key=lambda app: app.label):
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        try:
            module = importlib.import_module(module_name) if module_name else None
        except ImportError:
            continue
        for directory in getattr(module, "__path__", []):
            for path in sorted(Path(directory).glob("*.py")):
                digest.update(f"{app_config.label}/{path.name}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def copy_into_test_database(connection, *, keep_existing: bool) -> None:
    """Give `connection` a migrated test database copied from the template (built first
    if missing). With `keep_existing` (``--reuse-db``) a test database already there is
    left as it is."""
    if connection.vendor == "sqlite":
        _sqlite(connection, keep_existing=keep_existing)
    elif connection.vendor == "postgresql":
        _postgresql(connection, keep_existing=keep_existing)
    # Any other backend: Django migrates the test database itself.


def _build(connection, template_name: str) -> None:
    """Migrate a database named `template_name` with Django's own test-database
    creation, then put the connection's settings back as they were."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    old_name, old_test_name = connection.settings_dict["NAME"], test_settings.get("NAME")
    test_settings["NAME"] = template_name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=True)
    finally:
        test_settings["NAME"] = old_test_name
        connection.close()


@contextmanager
def _file_lock(path: Path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite(connection, *, keep_existing: bool) -> None:
    target = Path(connection.creation._get_test_db_name())
    if connection.creation.is_in_memory_db(str(target)):
        return
    if keep_existing and target.exists():
        return
    SQLITE_DIR.mkdir(parents=True, exist_ok=True)
    template = SQLITE_DIR / f"template-{migrations_fingerprint()}.sqlite3"
    with _file_lock(SQLITE_DIR / "template.lock"):
        if not template.exists():
            building = template.with_suffix(f".building-{os.getpid()}")
            _build(connection, str(building))
            # A rollback journal, not WAL: the template is then one self-contained file
            # that readers copy without creating -wal and -shm files beside it.
            with sqlite3.connect(building) as built:
                built.execute("PRAGMA journal_mode=DELETE")
            _remove_sqlite(template.parent.glob("template-*.sqlite3"))
            os.replace(building, template)
    _remove_sqlite([target])
    # SQLite's backup API copies a consistent database whatever its journal mode.
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _remove_sqlite(paths) -> None:
    for path in paths:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _postgresql(connection, *, keep_existing: bool) -> None:
    target = connection.creation._get_test_db_name()
    prefix = f"test_{connection.settings_dict['NAME']}_tpl_"
    template = prefix + migrations_fingerprint()
    quote = connection.ops.quote_name
    # One build at a time across workers and runs: a session advisory lock, released
    # when this connection closes even if the process dies.
    lock_key = int(hashlib.sha256(prefix.encode()).hexdigest()[:15], 16)
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key])
        try:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
            templates = {row[0] for row in cursor.fetchall()}
            if template not in templates:
                _build(connection, template)
                for stale in templates:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)} WITH (FORCE)")
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target])
            if keep_existing and cursor.fetchone():
                return
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key])
