"""E-mail to readers speaks as the publication, not as a host name."""

from django.core import mail
from wagtail.models import Site

from utgivare.core.models import ImprintSettings


def test_signup_confirmation_mail_names_the_publication(client, tree):
    imprint = ImprintSettings.for_site(Site.objects.get(is_default_site=True))
    imprint.publication_name = "Norrviks Kurir"
    imprint.save()

    client.post(
        "/konto/signup/",
        {
            "email": "ny.lasare@example.org",
            "password1": "ett-langt-losenord",
            "password2": "ett-langt-losenord",
        },
    )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Norrviks Kurir] ")
    assert "testserver" not in message.subject
    assert "Norrviks Kurir" in message.body
    assert "ny.lasare" not in message.body.replace("ny.lasare@example.org", "")


def test_confirmation_page_speaks_our_swedish(client, tree):
    client.post(
        "/konto/signup/",
        {
            "email": "ny.lasare@example.org",
            "password1": "ett-langt-losenord",
            "password2": "ett-langt-losenord",
        },
    )
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/konto/confirm-email/" in line
    )
    page = client.get(link[link.index("/konto/") :].strip()).content.decode()
    assert "Bekräfta att ny.lasare@example.org är din e-postadress." in page
    assert "epost-adress" not in page
