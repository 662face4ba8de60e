"""The imprint (impressum): in every footer and on its own page, editable as site settings."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from tests.factories import AuthorPageFactory
from utgivare.core.models import ImprintSettings


@pytest.fixture
def imprint(tree):
    settings = ImprintSettings.for_site(Site.objects.get(is_default_site=True))
    settings.publication_name = "Norrviks Kurir"
    settings.responsible_publisher = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    settings.contact_email = "redaktionen@example.org"
    settings.has_publishing_certificate = True
    settings.save()
    return settings


def text_of(client, url, selector):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(selector).get_text(" ")


def test_footer_names_publication_responsible_publisher_and_certificate(client, imprint):
    footer = text_of(client, "/", ".site-footer")
    assert "Norrviks Kurir" in footer
    assert "Ansvarig utgivare : Karin Lund" in " ".join(footer.split()).replace(":", " :")
    assert "redaktionen@example.org" in footer
    assert "har utgivningsbevis" in footer


def test_footer_says_so_when_there_is_no_certificate(client, imprint):
    imprint.has_publishing_certificate = False
    imprint.save()
    assert "har inte utgivningsbevis" in text_of(client, "/", ".site-footer")


def test_imprint_page_shows_the_same_facts(client, imprint):
    page = text_of(client, "/impressum/", "main")
    assert "Norrviks Kurir" in page
    assert "Karin Lund" in page
    assert "Utgivningsbevis" in page
    assert "Ja" in page


def test_page_title_uses_the_publication_name(client, imprint):
    assert "Norrviks Kurir" in text_of(client, "/impressum/", "title")
