"""Sign-up, codes and password reset, on the page and in the e-mail, in the
publication's own Swedish and from its own address."""

import re

from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import Site

from tests.accounts.helpers import first_link, last_mail_to
from tests.subscriptions.factories import UserFactory
from utgivare.core.mail import sender_address
from utgivare.core.models import ImprintSettings

# allauth's stock Swedish, which a Swedish editor would not write.
STOCK = re.compile(r"Vänligen|\bmail(et)?\b|[Ee]post|användarkonto|webbläsarfönster")


def visible_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("main").get_text(" ", strip=True)


def test_every_account_mail_and_page_speaks_our_swedish(client, tree):
    imprint = ImprintSettings.for_site(Site.objects.get(is_default_site=True))
    imprint.publication_name = "Norrviks Kurir"
    imprint.contact_email = "redaktionen@norrvik.example"
    imprint.save()
    UserFactory(email="finns@example.org")

    signup_page = client.get("/konto/signup/")
    labels = [
        label.get_text(strip=True).rstrip(":")
        for label in BeautifulSoup(signup_page.content, "html.parser").select("main label")
    ]
    assert "E-postadress" in labels
    assert "Lösenord (valfritt)" in labels
    client.post("/konto/signup/", {"email": "ny@example.org", "password1": "", "password2": ""})
    pages = [signup_page, client.get("/konto/confirm-email/")]
    client.logout()
    pages.append(client.get("/konto/login/code/"))
    client.post("/konto/login/code/", {"email": "finns@example.org"})
    pages.append(client.get("/konto/login/code/confirm/"))
    client.get("/konto/logout/")
    pages.append(client.get("/konto/password/reset/"))
    client.post("/konto/password/reset/", {"email": "finns@example.org"})
    client.post("/konto/password/reset/", {"email": "ingen@example.org"})
    pages.append(client.get("/konto/password/reset/done/"))

    for page in pages:
        assert page.status_code == 200
        assert not STOCK.search(visible_text(page)), visible_text(page)
    messages = [
        last_mail_to("ny@example.org"),
        *[m for m in mail.outbox if m.to == ["finns@example.org"]],
        last_mail_to("ingen@example.org"),
    ]
    assert len(messages) == 4  # confirmation, code, reset link, "no such account"
    for message in messages:
        assert message.from_email == "Norrviks Kurir <redaktionen@norrvik.example>"
        assert not STOCK.search(message.subject + message.body), message.body
        assert "Hälsningar\nNorrviks Kurir" in message.body

    reset = first_link(last_mail_to("finns@example.org"), "/konto/password/reset/key/")
    response = client.get(reset, follow=True)
    assert not STOCK.search(visible_text(response))


def test_the_configured_sender_wins_over_the_imprint_address():
    assert (
        sender_address("kurir@norrvik.example", "red@norrvik.example", "Norrviks Kurir")
        == "Norrviks Kurir <kurir@norrvik.example>"
    )
    assert (
        sender_address("redaktionen@localhost", "red@norrvik.example", "Kurir")
        == "Kurir <red@norrvik.example>"
    )
    assert sender_address("Kurir <k@n.example>", "", "X") == "Kurir <k@n.example>"
