"""Account forms never fail on control characters: typed text is cleaned, passwords refused."""

import pytest
from django.contrib.auth import get_user_model

from tests.subscriptions.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
REFUSED = "Texten innehåller tecken som inte kan sparas."


def test_password_with_a_nul_is_refused_at_signup_with_a_swedish_message(client):
    password = "ett långt\x00 lösenord"
    response = client.post(
        "/konto/signup/", {"email": "ny@example.org", "password1": password, "password2": password}
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not User.objects.filter(email="ny@example.org").exists()


def test_address_with_a_nul_at_signup_is_cleaned_before_it_is_checked(client):
    response = client.post(
        "/konto/signup/",
        {"email": "ny\x00@example.org", "password1": "ett långt lösenord", "password2": ""},
    )
    assert response.status_code < 500
    assert [user.email for user in User.objects.all()] in ([], ["ny@example.org"])


def test_login_with_control_characters_is_an_ordinary_failed_login(client):
    UserFactory(email="lasare@example.org")
    response = client.post("/konto/login/", {"login": "lasare@example.org", "password": "x\x00"})
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    response = client.post(
        "/konto/login/", {"login": "lasare\x01@example.org", "password": PASSWORD}
    )
    assert response.status_code in (200, 302)


def test_login_code_and_password_reset_accept_a_nul_without_error(client):
    assert client.post("/konto/login/code/", {"email": "a\x00@example.org"}).status_code < 500
    assert client.post("/konto/password/reset/", {"email": "a\x00@example.org"}).status_code < 500


def test_profile_name_is_stored_without_control_characters(client):
    reader = UserFactory(email="lasare@example.org")
    client.force_login(reader)
    response = client.post(
        "/konto/profil/", {"first_name": "Li\x00sa", "last_name": "La\u0308sare"}
    )
    assert response.status_code in (200, 302)
    reader.refresh_from_db()
    assert (reader.first_name, reader.last_name) == ("Lisa", "Läsare")
