"""A comment on a page readers cannot see is not reachable by any comment address."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, SectionPageFactory

from .conftest import form_data
from .factories import CommentFactory

COMMENT_TEXT = "Hemlig kommentar om nämndens ordförande."
PAGE_TITLE = "Opublicerad granskning av hamnaffären"


def hide_page(how, article, section):
    if how == "unpublished":
        article.unpublish()
    elif how == "under_unpublished_parent":
        section.unpublish()
    elif how == "restricted":
        PageViewRestriction.objects.create(page=article, restriction_type="login")
    elif how == "under_restricted_parent":
        PageViewRestriction.objects.create(
            page=section, restriction_type="password", password="hemligt"
        )
    elif how == "expired":
        type(article).objects.filter(pk=article.pk).update(
            expire_at=timezone.now() - dt.timedelta(hours=1)
        )


def comment_urls(comment, article):
    return [
        ("get", reverse("comments:report", args=[comment.pk]), {}),
        ("post", reverse("comments:report", args=[comment.pk]), {"reason": "abuse"}),
        ("get", reverse("comments:permalink", args=[comment.pk])),
        ("get", reverse("comments:post", args=[article.pk]), {"svara": str(comment.pk)}),
        ("post", reverse("comments:post", args=[article.pk]), form_data()),
        ("post", reverse("comments:post", args=[article.pk]), form_data(in_reply_to=comment.pk)),
    ]


@pytest.fixture
def hidden_candidate(tree):
    section = SectionPageFactory(parent=tree["home"], title="Granskningar", slug="granskningar")
    article = ArticlePageFactory(parent=section, title=PAGE_TITLE, access_level="free")
    comment = CommentFactory(page=article, text=COMMENT_TEXT)
    return article, section, comment


@pytest.mark.parametrize(
    "how",
    ["unpublished", "under_unpublished_parent", "restricted", "under_restricted_parent", "expired"],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_every_comment_address_of_a_hidden_page_answers_not_found(
    client, hidden_candidate, how, as_json
):
    article, section, comment = hidden_candidate
    hide_page(how, article, section)
    headers = {"Accept": "application/json"} if as_json else {}
    for method, url, *data in comment_urls(comment, article):
        response = getattr(client, method)(url, *data, headers=headers)
        body = response.content.decode()
        assert response.status_code == 404, (method, url)
        assert COMMENT_TEXT not in body
        assert PAGE_TITLE not in body
    comment.refresh_from_db()
    assert comment.open_reports == 0
    assert type(comment).objects.count() == 1


def test_the_same_addresses_work_while_the_page_is_live_and_public(client, hidden_candidate):
    article, _section, comment = hidden_candidate
    report_page = client.get(reverse("comments:report", args=[comment.pk]))
    assert report_page.status_code == 200
    assert COMMENT_TEXT in report_page.content.decode()
    assert PAGE_TITLE in report_page.content.decode()
    permalink = client.get(reverse("comments:permalink", args=[comment.pk]))
    assert permalink.status_code == 302
    assert permalink["Location"].endswith(f"#kommentar-{comment.pk}")
