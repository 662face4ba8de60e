"""Resetting a forgotten password by e-mail, without revealing who has an account."""

import pytest

from tests.accounts.helpers import first_link, last_mail_to
from tests.subscriptions.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reset_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="lasare@example.org")
    known = client.post("/konto/password/reset/", {"email": "lasare@example.org"})
    unknown = client.post("/konto/password/reset/", {"email": "ingen@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert client.get(known["Location"]).status_code == 200


def test_reader_sets_a_new_password_from_the_emailed_link(client):
    reader = UserFactory(email="lasare@example.org")
    client.post("/konto/password/reset/", {"email": "lasare@example.org"})
    link = first_link(last_mail_to("lasare@example.org"), "/konto/password/reset/key/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "ett nytt långt lösenord", "password2": "ett nytt långt lösenord"},
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password("ett nytt långt lösenord")
