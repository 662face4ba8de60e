"""The pages the audit found shared-cacheable although they belonged to one reader."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.comments.conftest import form_data
from tests.comments.factories import CommentFactory
from tests.factories import ArticlePageFactory
from tests.paywall.conftest import make_user
from utgivare.core.caching import cache_directives

PENDING_TEXT = "Min första kommentar, som väntar på granskning."


def assert_private(response):
    directives = cache_directives(response)
    assert {"private", "no-store"} & directives.keys(), directives
    assert "public" not in directives and "s-maxage" not in directives
    assert "Cookie" in response["Vary"]


def assert_shareable_without_cookies(response):
    assert not response.cookies
    assert not {"private", "no-store"} & cache_directives(response).keys()


@pytest.fixture
def free_article(tree):
    return ArticlePageFactory(parent=tree["sections"][0], title="Fri läsning", access_level="free")


def test_home_page_saying_you_logged_out_is_private(tree):
    client = Client()
    client.force_login(make_user())
    response = client.post("/konto/logout/", follow=True)
    page = response.content.decode()
    assert "Du är utloggad." in page
    assert_private(response)
    # A browser drops the cookies the answers deleted (the test client keeps
    # them, empty); after that the pages are the same as for anyone else.
    for name in [name for name, morsel in client.cookies.items() if not morsel.value]:
        del client.cookies[name]
    assert_shareable_without_cookies(client.get("/"))


def test_password_reset_page_for_an_anonymous_reader_is_private(tree):
    response = Client().get("/konto/password/reset/")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert_private(response)


def test_report_page_for_an_anonymous_reader_is_private(tree, free_article):
    comment = CommentFactory(page=free_article)
    response = Client().get(reverse("comments:report", args=[comment.pk]))
    assert response.status_code == 200
    assert_private(response)


def test_free_article_showing_the_commenters_own_held_comment_is_private(tree, free_article):
    commenter = Client()
    posted = commenter.post(
        reverse("comments:post", args=[free_article.pk]), form_data(text=PENDING_TEXT)
    )
    assert posted.status_code == 302
    assert_private(posted)

    own_view = commenter.get(free_article.url)
    assert PENDING_TEXT in own_view.content.decode()
    assert_private(own_view)

    other_reader = Client().get(free_article.url)
    assert PENDING_TEXT not in other_reader.content.decode()
    assert_shareable_without_cookies(other_reader)
