"""Signing up with an e-mail address, in Swedish, without revealing who has an account."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.accounts.helpers import first_link, last_mail_to
from tests.subscriptions.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_signup_page_is_in_swedish(client):
    page = client.get("/konto/signup/").content.decode()
    assert "<h1>Skapa konto</h1>" in page
    assert "Lösenordet är valfritt" in page


def test_new_reader_confirms_the_address_and_is_logged_in(client):
    response = client.post(
        "/konto/signup/",
        {
            "email": "ny@example.org",
            "password1": "ett långt lösenord",
            "password2": "ett långt lösenord",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert User.objects.filter(email="ny@example.org").exists()
    message = last_mail_to("ny@example.org")
    assert "bekräfta" in message.body.lower() or "verifiera" in message.body.lower()

    confirm_url = first_link(message, "/konto/confirm-email/")
    client.post(confirm_url)
    assert EmailAddress.objects.get(email="ny@example.org").verified
    assert client.get("/konto/").status_code == 200


def test_reader_can_sign_up_without_a_password(client):
    client.post("/konto/signup/", {"email": "utan@example.org"})
    reader = User.objects.get(email="utan@example.org")
    assert not reader.has_usable_password()


def test_signing_up_with_a_taken_address_looks_the_same_and_creates_nothing(client):
    UserFactory(email="finns@example.org")
    taken = client.post(
        "/konto/signup/",
        {
            "email": "finns@example.org",
            "password1": "ett långt lösenord",
            "password2": "ett långt lösenord",
        },
    )
    fresh = client.post(
        "/konto/signup/",
        {
            "email": "ledig@example.org",
            "password1": "ett långt lösenord",
            "password2": "ett långt lösenord",
        },
    )
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert User.objects.filter(email="finns@example.org").count() == 1
    # The owner of the address is told, by e-mail, that they already have an account.
    assert last_mail_to("finns@example.org")
    assert len(mail.outbox) == 2


def test_short_password_is_refused_in_swedish(client):
    response = client.post(
        "/konto/signup/", {"email": "kort@example.org", "password1": "kort", "password2": "kort"}
    )
    assert response.status_code == 200
    assert "minst 10 tecken" in response.content.decode()
    assert not User.objects.filter(email="kort@example.org").exists()
