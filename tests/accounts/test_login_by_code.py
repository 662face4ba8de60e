"""Logging in with a one-time code sent by e-mail: no password needed."""

import pytest
from django.core import mail

from tests.accounts.helpers import last_mail_to, login_code
from tests.subscriptions.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reader_without_password_logs_in_with_a_code(client):
    reader = UserFactory(email="kod@example.org", password=None)
    reader.set_unusable_password()
    reader.save()
    response = client.post("/konto/login/code/", {"email": "kod@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/code/confirm/"
    code = login_code(last_mail_to("kod@example.org"))
    response = client.post("/konto/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)


def test_wrong_code_is_refused_in_swedish(client):
    UserFactory(email="kod@example.org")
    client.post("/konto/login/code/", {"email": "kod@example.org"})
    response = client.post("/konto/login/code/confirm/", {"code": "XXXXXX"})
    assert "Koden stämmer inte." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_asking_a_code_for_an_unknown_address_looks_the_same(client):
    UserFactory(email="kod@example.org")
    known = client.post("/konto/login/code/", {"email": "kod@example.org"})
    other_client = client.__class__()
    unknown = other_client.post("/konto/login/code/", {"email": "ingen@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert not [m for m in mail.outbox if "ingen@example.org" in m.to and login_code_in(m)]


def login_code_in(message):
    try:
        login_code(message)
    except AssertionError:
        return False
    return True
