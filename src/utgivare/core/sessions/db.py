"""SESSION_ENGINE: Django's database sessions, read with one plain query (see __init__)."""

from django.contrib.sessions.backends import db

from . import PlainSessionRead


class SessionStore(PlainSessionRead, db.SessionStore):
    pass
