"""SESSION_ENGINE: Django's cached_db sessions, a miss read with one plain query (see __init__)."""

from django.contrib.sessions.backends import cached_db

from . import PlainSessionRead


class SessionStore(PlainSessionRead, cached_db.SessionStore):
    pass
