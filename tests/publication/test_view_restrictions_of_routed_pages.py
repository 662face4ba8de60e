"""A page's view restrictions hold when its route comes from the cache, and a page
without any asks the database nothing about them on each request."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, UserFactory


def restriction_queries(url, client=None):
    client = client or Client()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = [q["sql"] for q in captured if "wagtailcore_pageviewrestriction" in q["sql"]]
    return response, queries


def test_a_page_without_restrictions_asks_nothing_about_them_once_routed(tree):
    article = ArticlePageFactory(parent=tree["sections"][0], access_level="free")
    assert Client().get(article.url).status_code == 200  # routed, and the route kept
    response, queries = restriction_queries(article.url)
    assert response.status_code == 200
    assert queries == []


def test_a_restriction_on_the_section_applies_at_once_to_a_routed_article(tree):
    section = tree["sections"][0]
    article = ArticlePageFactory(parent=section, access_level="free")
    assert Client().get(article.url).status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    response, _queries = restriction_queries(article.url)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    member = Client()
    member.force_login(UserFactory())
    assert member.get(article.url).status_code == 200

    restriction.delete()
    assert Client().get(article.url).status_code == 200


def test_a_routed_page_without_restrictions_answers_as_an_empty_queryset(tree):
    # Wagtail and its admin chain on what get_view_restrictions returns.
    article = ArticlePageFactory(parent=tree["sections"][0], access_level="free")
    routed = Client().get(article.url).context["page"]
    restrictions = routed.get_view_restrictions()
    with CaptureQueriesContext(connection) as captured:
        assert list(restrictions) == []
        assert not restrictions.exists()
        assert list(restrictions.order_by("-page__depth")) == []
    assert captured.captured_queries == []
    # Shared by every such page: nothing a caller does may make it non-empty.
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert list(routed.get_view_restrictions()) == []
    assert list(restrictions.filter(page=article)) == []
