from bs4 import BeautifulSoup

from tests.factories import SectionPageFactory


def menu(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [a.get_text() for a in soup.select(".site-nav a")]


def test_new_section_appears_in_the_menu_once_published(client, tree):
    assert "Debatt" not in menu(client)
    SectionPageFactory(parent=tree["home"], title="Debatt", slug="debatt")
    assert "Debatt" in menu(client)


def test_unpublished_section_leaves_the_menu(client, tree):
    section = tree["sections"][0]
    assert section.title in menu(client)
    section.unpublish()
    assert section.title not in menu(client)


def test_current_section_is_marked_for_screen_readers(client, tree):
    soup = BeautifulSoup(client.get(tree["sections"][0].url).content, "html.parser")
    assert soup.select_one('.site-nav a[aria-current="page"]').get_text() == "Sektion 1"
