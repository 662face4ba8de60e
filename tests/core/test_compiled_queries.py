"""A queryset compiled once (core.compiled_queries, for the cold drawing's speed) gives
the objects the ORM gives, with the values of each run, not those of the first:
fields, rows joined by `select_related` and annotations."""

import pytest
from django.db.models import Model
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction

from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    IssuePageFactory,
    SectionPageFactory,
)
from utgivare.core import compiled_queries, content_version, menu
from utgivare.publication import routing
from utgivare.publication.models import ArticlePage


@pytest.fixture(autouse=True)
def compiled_anew():
    compiled_queries.forget()
    yield
    compiled_queries.forget()


def readable(value, depth=0):
    """A model instance as plain data: its fields, annotations and joined rows (rows
    joined to those as their type and key: a placement points back to its piece)."""
    if isinstance(value, StreamValue):
        return value.get_prep_value()
    if not isinstance(value, Model):
        return value
    if depth > 1:
        return (type(value).__name__, value.pk)
    data = {name: readable(item, depth) for name, item in vars(value).items() if name != "_state"}
    data["type"] = type(value).__name__
    data["joined"] = {
        name: readable(item, depth + 1) for name, item in value._state.fields_cache.items()
    }
    return data


def test_serving_query_is_what_the_orm_reads_for_each_page(tree):
    author = AuthorPageFactory(parent=tree["authors"])
    issue = IssuePageFactory(parent=tree["issues"], cover_image=ImageFactory())
    section = SectionPageFactory(parent=tree["home"], slug="slutet")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    pieces = [
        ArticlePageFactory(
            parent=tree["sections"][0], author=author, issue=issue, hero_image=ImageFactory()
        ),
        ArticlePageFactory(parent=section),  # restricted by its section; no joins
    ]
    related = ArticlePage.serve_select_related
    for piece in pieces:
        paths = [piece.path[:end] for end in range(Page.steplen, len(piece.path) + 1, 4)]
        by_orm = list(routing._serving_queryset(ArticlePage, related, pk=piece.pk, paths=paths))
        compiled = compiled_queries.rows(
            ("serve-test", len(paths)),
            lambda **markers: routing._serving_queryset(ArticlePage, related, **markers),
            pk=piece.pk,
            paths=paths,
        )
        assert [readable(page) for page in compiled] == [readable(page) for page in by_orm]
        assert [page.pk for page in compiled] == [piece.pk]
    assert compiled[0].serve_has_view_restrictions is True
    assert compiled[0].author is None


def test_routing_query_is_what_the_orm_reads_for_each_address(tree, rf):
    home = tree["home"]
    first = ArticlePageFactory(parent=tree["sections"][0], slug="forsta")
    other_section = SectionPageFactory(parent=home, slug="andra-sektionen", show_in_menus=True)
    second = ArticlePageFactory(parent=other_section, slug="andra")
    request = rf.get("/")
    assert menu.wanted_with_route(request, home)
    menu_pages = list(home.get_children().live().in_menu().order_by("path"))
    assert len(menu_pages) >= 2
    for piece in (first, second):
        url_paths = [piece.get_parent().url_path, piece.url_path]
        by_orm = list(routing._pages_on_the_way(home, url_paths, True))
        compiled = compiled_queries.rows(
            ("route-test",),
            lambda url_paths: routing._pages_on_the_way(home, url_paths, True),
            url_paths=url_paths,
        )
        assert compiled == by_orm
        # The pages on the way are made as the ORM makes them; the menu gets its entries.
        pages = routing._found_pages(request, home, compiled, with_menu=True)
        orm_pages = Page.objects.filter(pk__in=[piece.pk, piece.get_parent().pk])
        assert sorted(map(readable, pages), key=str) == sorted(map(readable, orm_pages), key=str)
        found = getattr(request, menu._FOUND_ATTR)[home.pk]
        assert found == [(page.url_path, page.title) for page in menu_pages]


def test_sites_query_is_what_the_orm_reads(tree):
    by_orm = list(content_version._sites_queryset())
    compiled = compiled_queries.rows(("sites-test",), content_version._sites_queryset)
    assert [readable(site) for site in compiled] == [readable(site) for site in by_orm]
    assert compiled[0].root_url_path == tree["home"].url_path


def test_an_empty_list_finds_nothing_as_the_orm_does(tree):
    def pages(url_paths):
        return Page.objects.filter(url_path__in=url_paths)

    assert compiled_queries.rows(("empty-test",), pages, url_paths=[]) == []


def test_a_value_the_orm_changes_on_its_way_is_refused(tree):
    def pages(prefix):
        return Page.objects.filter(path__startswith=prefix)  # becomes a LIKE pattern

    with pytest.raises(ValueError, match="not passed unchanged"):
        compiled_queries.rows(("like-test",), pages, prefix=tree["home"].path)
