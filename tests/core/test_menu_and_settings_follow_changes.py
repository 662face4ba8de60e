"""The menu and the site settings are cached, and a change shows on the next page
view: publishing, renaming, hiding, deleting a page, or saving a setting."""

from bs4 import BeautifulSoup

from utgivare.core.models import ImprintSettings


def soup(client, url="/"):
    return BeautifulSoup(client.get(url).content, "html.parser")


def menu(client):
    return [a.get_text() for a in soup(client).select(".site-nav a")]


def test_renamed_section_shows_its_new_name_in_the_menu(client, tree):
    section = tree["sections"][0]
    assert menu(client) == ["Nummer", "Sektion 1"]
    section.title = "Granskning"
    section.save_revision().publish()
    assert menu(client) == ["Nummer", "Granskning"]


def test_section_hidden_from_menus_leaves_it(client, tree):
    section = tree["sections"][0]
    assert "Sektion 1" in menu(client)
    section.show_in_menus = False
    section.save_revision().publish()
    assert "Sektion 1" not in menu(client)


def test_deleted_section_leaves_the_menu(client, tree):
    assert "Sektion 1" in menu(client)
    tree["sections"][0].delete()
    assert "Sektion 1" not in menu(client)


def test_saved_publication_name_shows_on_the_next_page(client, tree):
    assert soup(client).select_one(".site-name").get_text() == "Utgivare"
    imprint = ImprintSettings.for_site(tree["site"])
    imprint.publication_name = "Norrviks Nyheter"
    imprint.save()
    assert soup(client).select_one(".site-name").get_text() == "Norrviks Nyheter"
