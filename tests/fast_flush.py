"""Emptying the PostgreSQL test database after a transactional test in milliseconds.

After each transactional test (``django_db(transaction=True)``, the live server, the
browser tests, the race tests) Django empties every table with ``flush``: on PostgreSQL
one ``TRUNCATE`` of all ~115 tables. TRUNCATE gives every table and index a new file,
which took 1-3 s each time (measured: 1.5-3.1 s for the migrated database, against
20-55 ms for ``DELETE FROM`` of every table in one transaction), about 30 times a run,
most of it on the worker that runs the browser tests.

So the test settings' flush deletes instead. The end state is the same: every table
empty, the id sequences left where they were (Django's TRUNCATE does not restart them
either). Django's foreign keys on PostgreSQL are ``DEFERRABLE INITIALLY DEFERRED`` and
Django runs the flush in one transaction, so the order of the deletes does not matter.
A table with a TRUNCATE trigger is still truncated (on its own, when no other table
refers to it), so what the trigger does happens as before: the search entry table's
trigger empties the match and word tables, which Django does not know about.

A flush that resets sequences or cascades (``available_apps``, ``reset_sequences``;
nothing in this suite asks for either) goes to Django's own. SQLite's flush is a
``DELETE`` already, and fast.
"""

from django.db.backends.postgresql.operations import DatabaseOperations

_django_sql_flush = DatabaseOperations.sql_flush

# Tables among `tables` with a statement-level TRUNCATE trigger (bit 32 of tgtype) that no
# other table's foreign key points at, so TRUNCATE on its own is allowed.
TRUNCATE_TRIGGERED = """
    SELECT DISTINCT c.relname
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND (t.tgtype & 32) <> 0 AND c.relname = ANY(%s)
      AND c.relnamespace = to_regnamespace(current_schema())
      AND NOT EXISTS (
          SELECT 1 FROM pg_constraint f
          WHERE f.contype = 'f' AND f.confrelid = c.oid AND f.conrelid <> c.oid
      )
"""


def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if reset_sequences or allow_cascade or not tables:
        return _django_sql_flush(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    with self.connection.cursor() as cursor:
        cursor.execute(TRUNCATE_TRIGGERED, [list(tables)])
        truncated = {row[0] for row in cursor.fetchall()}
    quote = self.quote_name
    # Table names from Django's introspection, quoted.
    deletes = [f"DELETE FROM {quote(table)};" for table in tables if table not in truncated]  # noqa: S608
    return deletes + [f"TRUNCATE {quote(table)};" for table in sorted(truncated)]


def install() -> None:
    """For this test process only; Django's own flush (``utgivare flush``) is untouched
    elsewhere."""
    DatabaseOperations.sql_flush = sql_flush
