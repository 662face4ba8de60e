import os
from datetime import timedelta

import pytest
from django.db import connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

from tests import fast_flush, template_db
from tests.caching import clear_cache
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    route_search_index_updates_through_factories,
    site_tree,
)
from tests.replay import replayed

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (CI=true picks "ci").
# "ci" is for machines busy with other work, `make test` included (two xdist workers
# on two cores): a slow example there says something about the machine, not the rule.
# No deadline, and no failing because generating examples was slow. Examples stay
# random, so each run explores anew; a failure prints the example and a blob to
# reproduce it with @reproduce_failure.
hypothesis_settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
# "dev" is Hypothesis's default with a looser deadline: the rules are pure functions that
# answer in microseconds, so a second still flags one that became slow, without
# failing a run on a busy laptop.
hypothesis_settings.register_profile("dev", deadline=timedelta(seconds=1))
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("1", "true") else "dev")
)

# Deletes instead of TRUNCATE after transactional tests on PostgreSQL (1-3 s each).
fast_flush.install()
# A factory's page is indexed once, when it is published, not on each of its three saves.
route_search_index_updates_through_factories()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Make `--dist loadgroup` keep each xdist_group on one worker again.

    pytest-xdist 3.8 (on the worker) appends "@group" to a grouped test's id by setting
    ``item._nodeid``; pytest 9.2 reads the id from ``item._id`` instead, so the suffix was
    lost and every group was spread over both workers like ungrouped tests: the demo was
    loaded and the big walks' content built on each worker, and two Chromiums ran at once.
    This sets the id xdist meant, where xdist's own hook did not."""
    if not hasattr(config, "workerinput") or not config.getvalue("loadgroup"):
        return
    from _pytest.nodeid import NodeId

    for item in items:
        names = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        if not names:
            continue
        suffix = "@" + "_".join(sorted(names))
        if not item.nodeid.endswith(suffix):
            item._id = NodeId.parse(item.nodeid + suffix)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_keepdb):
    """With --reuse-db, keep the SQLite test database where the next run finds it
    (by default each run has its own temporary directory, so runs never collide)."""
    database = connections["default"].settings_dict
    if django_db_keepdb and database["ENGINE"] == "django.db.backends.sqlite3":
        template_db.SQLITE_DIR.mkdir(parents=True, exist_ok=True)
        database["TEST"]["NAME"] = str(template_db.SQLITE_DIR / "test-utgivare")
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's database setup, with the test database copied from a migrated
    template (tests/template_db.py) instead of migrated from nothing by every worker."""
    from django.test.utils import setup_databases, teardown_databases

    if not django_db_use_migrations:
        _disable_migrations()
    use_template = django_db_use_migrations and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        if use_template:
            for alias in aliases:
                template_db.copy_into_test_database(
                    connections[alias], keep_existing=django_db_keepdb
                )
        db_cfg = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            # On a copy, Django's migrate finds everything applied and only checks.
            keepdb=use_template or (django_db_keepdb and not django_db_createdb),
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids are reused after each test's rollback,
    so a fragment cached by one test would otherwise show up in the next."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def tree(db):
    """The publication skeleton: home, issue archive, author index, one section."""
    return site_tree()


@replayed
def _article_with_author(tree):
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    return ArticlePageFactory(parent=tree["sections"][0], author=author)


@pytest.fixture
def article(tree):
    """A published metered-by-default article with an author, in the first section."""
    return _article_with_author(tree)
