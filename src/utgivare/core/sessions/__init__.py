"""Django's database session stores (SESSION_ENGINE `utgivare.core.sessions.db` and
`.cached_db`), reading the session row with one plain query.

A logged-in reader's every request loads their session; through the ORM, compiling
that one-row query cost several times what running it did (on SQLite, where the
database is the session store, a third of a logged-in page from the shells).
Everything else (saving, expiry, keys, the cache of `cached_db`) is Django's.
"""

import datetime as dt

from django.db import connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

_SQL = "SELECT session_data, expire_date FROM {table} WHERE session_key = %s AND expire_date > %s"


class PlainSessionRead:
    """Mixed into Django's db and cached_db SessionStore: `_get_session_from_db` as
    Django's (the row, unsaved, or None with the key forgotten), without the ORM."""

    def _get_session_from_db(self):
        key = self.session_key
        model = self.model
        if key is None:
            return None
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_SQL.format(table=table), [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        data, expire_date = row
        return model(session_key=key, session_data=data, expire_date=_aware(expire_date))


def _aware(value):
    """SQLite hands back UTC without a zone (as text or naive); PostgreSQL an aware value."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value
