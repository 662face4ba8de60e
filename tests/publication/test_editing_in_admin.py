"""Editors build the magazine in the Wagtail admin."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from tests.factories import ArticlePageFactory, IssuePageFactory
from utgivare.publication.models import IssuePage, IssuePlacement


@pytest.fixture
def editor_client(client, db):
    editor = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw")
    client.force_login(editor)
    return client


def issue_form_data(issue, article_ids):
    data = {
        "title": issue.title,
        "slug": issue.slug,
        "number": issue.number,
        "publication_date": issue.publication_date.isoformat(),
        "summary": "",
        "placements-TOTAL_FORMS": str(len(article_ids)),
        "placements-INITIAL_FORMS": "0",
        "placements-MIN_NUM_FORMS": "0",
        "placements-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for index, article_id in enumerate(article_ids):
        data[f"placements-{index}-article"] = str(article_id)
        data[f"placements-{index}-ORDER"] = str(index + 1)
        data[f"placements-{index}-id"] = ""
    return data


@pytest.mark.parametrize("model", ["articlepage", "issuepage", "sectionpage", "authorpage"])
def test_editor_gets_an_add_form_for_each_page_type(editor_client, tree, model):
    parents = {
        "articlepage": tree["sections"][0],
        "issuepage": tree["issues"],
        "sectionpage": tree["home"],
        "authorpage": tree["authors"],
    }
    url = f"/admin/pages/add/publication/{model}/{parents[model].pk}/"
    assert editor_client.get(url).status_code == 200


def test_editor_orders_an_issues_articles(editor_client, tree):
    issue = IssuePageFactory(
        parent=tree["issues"], number=181, slug="181", publication_date=dt.date(2026, 12, 10)
    )
    first = ArticlePageFactory(parent=tree["sections"][0], title="Först")
    second = ArticlePageFactory(parent=tree["sections"][0], title="Sedan")
    response = editor_client.post(
        f"/admin/pages/{issue.pk}/edit/", issue_form_data(issue, [second.pk, first.pk])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = IssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    assert [p.article_id for p in latest.placements.all()] == [second.pk, first.pk]


def test_an_article_cannot_be_placed_in_two_issues(editor_client, tree):
    first_issue = IssuePageFactory(parent=tree["issues"], number=179, slug="179")
    second_issue = IssuePageFactory(parent=tree["issues"], number=180, slug="180")
    article = ArticlePageFactory(parent=tree["sections"][0], issue=first_issue)

    response = editor_client.post(
        f"/admin/pages/{second_issue.pk}/edit/", issue_form_data(second_issue, [article.pk])
    )

    assert response.status_code == 200
    assert "Artikeln ingår redan i ett annat nummer." in response.content.decode()
    assert IssuePlacement.objects.get(article=article).issue_id == first_issue.pk
    assert Page.objects.get(pk=second_issue.pk).has_unpublished_changes is False
