"""A piece behind a view restriction (its own, its section's or the site root's) is
never shown to a reader who has not passed it: also after the page was seen
before the restriction came (the route, with whether anything restricts it, is kept)."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory

SECRET = "Kommunstyrelsens ordförande skrev under avtalet i förväg."


@pytest.fixture
def article(tree):
    return ArticlePageFactory(parent=tree["sections"][0], access_level="free", lead=SECRET)


def restricted_page(where, tree, article):
    return {"article": article, "section": tree["sections"][0], "home": tree["home"]}[where]


@pytest.mark.parametrize("where", ["article", "section", "home"])
@pytest.mark.parametrize("kind", ["login", "password"])
def test_restricted_piece_is_not_shown_after_it_was_public(client, tree, article, where, kind):
    assert SECRET in client.get(article.url).content.decode()
    PageViewRestriction.objects.create(
        page=restricted_page(where, tree, article),
        restriction_type=kind,
        password="hemligt" if kind == "password" else "",
    )
    response = client.get(article.url)
    assert SECRET not in response.content.decode()
    if kind == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")
    else:
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()


def test_lifted_restriction_shows_the_piece_again(client, tree, article):
    restriction = PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert SECRET not in client.get(article.url).content.decode()
    restriction.delete()
    assert SECRET in client.get(article.url).content.decode()
