"""The menu and the site settings are cached, and a change shows on the next page
view: publishing, renaming, hiding, deleting a page, or saving a setting."""

from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, SectionPageFactory
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


def test_menu_drawn_with_an_articles_route_shows_what_the_home_page_shows(client, tree):
    """Drawn cold under an article, the menu comes with the article's routing query: the
    same entries as the home page's own query, without a restricted or hidden section."""
    ArticlePageFactory(parent=tree["sections"][0], slug="granskning", access_level="free")
    hidden = SectionPageFactory(parent=tree["home"], title="Dold", show_in_menus=False)
    restricted = SectionPageFactory(parent=tree["home"], title="Bara inloggade")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    draft = SectionPageFactory(parent=tree["home"], title="Utkast")
    draft.unpublish()
    cache.clear()
    under_article = [
        a.get_text() for a in soup(client, "/sektion-1/granskning/").select(".site-nav a")
    ]
    cache.clear()
    assert under_article == menu(client) == ["Nummer", "Sektion 1"]
    assert hidden.title not in under_article
