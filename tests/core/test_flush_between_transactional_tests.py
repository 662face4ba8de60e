"""The flush after a transactional test leaves an empty database, as Django's does.

On PostgreSQL the suite's flush deletes instead of truncating (tests/fast_flush.py); the
next transactional test must still start from empty tables, the search index's own
tables (which Django does not know about) included, or it would find an earlier test's
pages, users or search words.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.factories import ArticlePageFactory
from utgivare.search import indexing
from utgivare.search.models import SearchEntry

pytestmark = pytest.mark.django_db(transaction=True)
# Written by triggers on the search entry table (search/migrations/0003), PostgreSQL only.
SEARCH_TABLES = ["utgivare_search_match", "utgivare_search_lexeme"]


def rows_left(tables):
    with connection.cursor() as cursor:
        left = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            if count := cursor.fetchone()[0]:
                left[table] = count
    return left


def test_flush_empties_every_table_and_the_search_index(tree):
    ArticlePageFactory(parent=tree["sections"][0], title="Hamnavtalet klubbat")
    get_user_model().objects.create_user("lasare", "l@example.org", "losen-losen-42")
    indexing.rebuild()
    tables = connection.introspection.django_table_names(only_existing=True)
    own_tables = SEARCH_TABLES if connection.vendor == "postgresql" else []
    assert SearchEntry.objects.exists()
    assert set(own_tables) <= set(rows_left(own_tables))

    if connection.vendor == "postgresql":
        # Deletes, in one transaction; TRUNCATE only where a trigger has work to do.
        statements = connection.ops.sql_flush(no_style(), tables)
        assert statements[-1] == 'TRUNCATE "utgivare_search_searchentry";'
        assert all(statement.startswith("DELETE FROM") for statement in statements[:-1])
    # As TransactionTestCase's teardown calls it, less the post_migrate signal that then
    # fills the content type and permission tables again.
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        reset_sequences=False,
        allow_cascade=False,
        inhibit_post_migrate=True,
    )

    assert rows_left(tables + own_tables) == {}
