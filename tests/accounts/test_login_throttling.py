"""Guessing passwords is stopped after a few failed attempts."""

import pytest

from tests.subscriptions.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sixth_attempt_is_refused_even_with_the_right_password(client):
    UserFactory(email="lasare@example.org")
    for _ in range(5):
        client.post("/konto/login/", {"login": "lasare@example.org", "password": "gissning"})
    response = client.post("/konto/login/", {"login": "lasare@example.org", "password": PASSWORD})
    assert "För många misslyckade försök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_few_mistakes_do_not_lock_the_reader_out(client):
    UserFactory(email="lasare@example.org")
    for _ in range(3):
        client.post("/konto/login/", {"login": "lasare@example.org", "password": "gissning"})
    response = client.post("/konto/login/", {"login": "lasare@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
