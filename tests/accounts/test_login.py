"""Logging in and out with e-mail and password."""

import pytest

from tests.subscriptions.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_in_swedish_and_offers_a_code(client):
    page = client.get("/konto/login/").content.decode()
    assert "<h1>Logga in</h1>" in page
    assert "Skicka mig en inloggningskod" in page
    assert "Glömt lösenordet?" in page


def test_reader_logs_in_and_returns_to_the_page_they_came_from(client):
    reader = UserFactory(email="lasare@example.org")
    response = client.post(
        "/konto/login/?next=/nummer/",
        {"login": "lasare@example.org", "password": PASSWORD, "next": "/nummer/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/nummer/"
    assert client.get("/konto/").context["user"] == reader


def test_wrong_password_is_refused_in_swedish(client):
    UserFactory(email="lasare@example.org")
    response = client.post("/konto/login/", {"login": "lasare@example.org", "password": "fel"})
    assert response.status_code == 200
    assert "E-postadressen eller lösenordet stämmer inte." in response.content.decode()


def test_unknown_address_gets_the_same_answer_as_a_wrong_password(client):
    UserFactory(email="lasare@example.org")
    wrong = client.post("/konto/login/", {"login": "lasare@example.org", "password": "fel"})
    unknown = client.post("/konto/login/", {"login": "ingen@example.org", "password": "fel"})
    assert wrong.context["form"].errors == unknown.context["form"].errors


def test_logout_is_a_post_from_the_menu(client):
    client.force_login(UserFactory())
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert client.get("/konto/")["Location"].startswith("/konto/login/")


def test_my_account_requires_login(client):
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/"
