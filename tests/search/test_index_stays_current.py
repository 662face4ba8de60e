"""The index follows the site: publish, unpublish, move, restrict, rename, delete, rebuild."""

import io

from django.core.management import call_command
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, AuthorPageFactory, SectionPageFactory
from utgivare.search.models import SearchEntry


def titles(client, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".search-hit h2 a")]


def test_published_piece_is_found_and_unpublished_one_is_not(client, tree):
    article = ArticlePageFactory(parent=tree["sections"][0], title="Vindkraften i skogen")
    assert titles(client, "vindkraften") == ["Vindkraften i skogen"]
    article.unpublish()
    assert titles(client, "vindkraften") == []
    article.save_revision().publish()
    assert titles(client, "vindkraften") == ["Vindkraften i skogen"]


def test_a_new_revision_replaces_the_old_words(client, tree):
    article = ArticlePageFactory(parent=tree["sections"][0], title="Vindkraften i skogen")
    article.title = "Solparken vid sjön"
    article.save_revision().publish()
    assert titles(client, "vindkraften") == []
    assert titles(client, "solparken") == ["Solparken vid sjön"]


def test_moved_piece_is_listed_under_its_new_section(client, tree):
    article = ArticlePageFactory(parent=tree["sections"][0], title="Vindkraften i skogen")
    other = SectionPageFactory(parent=tree["home"], title="Miljö", slug="miljo")
    article.move(other, pos="last-child")
    response = client.get("/sok/", {"q": "vindkraften", "sektion": other.pk})
    assert "Miljö" in response.content.decode()
    assert SearchEntry.objects.get(page_id=article.pk).kicker == "Miljö"


def test_deleted_piece_leaves_the_index(client, tree):
    article = ArticlePageFactory(parent=tree["sections"][0], title="Vindkraften i skogen")
    article.delete()
    assert titles(client, "vindkraften") == []
    assert not SearchEntry.objects.filter(page_id=article.pk).exists()


def test_renamed_writer_is_found_by_the_new_name(client, tree):
    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    ArticlePageFactory(parent=tree["sections"][0], title="Vindkraften", author=writer)
    writer.title = "Karin Lund-Ek"
    writer.save_revision().publish()
    assert titles(client, "lund-ek") == ["Vindkraften"]


def test_pieces_behind_a_login_restriction_are_not_listed(client, tree):
    section = tree["sections"][0]
    ArticlePageFactory(parent=section, title="Vindkraften i skogen")
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert titles(client, "vindkraften") == []
    restriction.delete()
    assert titles(client, "vindkraften") == ["Vindkraften i skogen"]


def test_rebuild_command_indexes_what_is_missing_and_drops_what_is_gone(client, tree):
    ArticlePageFactory(parent=tree["sections"][0], title="Vindkraften i skogen")
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(
        page=tree["home"],
        kind="article",
        path="x",
        title="Spöke",
        published_at=tree["home"].first_published_at,
    )
    assert titles(client, "vindkraften") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, verbosity=0)
    assert "1 sidor indexerade" in out.getvalue()
    assert titles(client, "vindkraften") == ["Vindkraften i skogen"]
    assert not SearchEntry.objects.filter(page_id=tree["home"].pk).exists()
