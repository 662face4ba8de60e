"""The session store reads its row with a plain query: a live session is honoured with
its expiry as stored, an expired or deleted one is not (on SQLite and PostgreSQL)."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory
from utgivare.core.sessions import cached_db, db

pytestmark = pytest.mark.django_db


def logged_in_client():
    user = UserFactory()
    user.save()
    client = Client()
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("store", [db.SessionStore, cached_db.SessionStore])
def test_the_row_is_read_with_its_data_and_expiry_as_stored(store):
    client, user = logged_in_client()
    key = client.cookies["sessionid"].value
    stored = Session.objects.get(session_key=key)
    session = store(key)
    row = session._get_session_from_db()
    assert row.expire_date == stored.expire_date
    assert session.load()["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("store", [db.SessionStore, cached_db.SessionStore])
def test_an_expired_or_unknown_session_is_empty_and_its_key_forgotten(store):
    client, _user = logged_in_client()
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    for unknown in (key, "x" * 32):
        session = store(unknown)
        assert session._get_session_from_db() is None
        assert session.session_key is None


def test_an_expired_session_logs_the_reader_out(settings):
    # The database's expiry (cached_db keeps a copy in the cache until the same time).
    settings.SESSION_ENGINE = "utgivare.core.sessions.db"
    client, _user = logged_in_client()
    assert client.get("/konto/").status_code == 200
    Session.objects.all().update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/konto/").status_code == 302
