"""Editors make an issue: the next number filled in, articles placed from either side,
many at once, and readers step from issue to issue."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory, IssuePageFactory
from utgivare.publication.models import ArticlePage, IssuePage


@pytest.fixture
def editor_client(client, db):
    editor = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw")
    client.force_login(editor)
    return client


def form_initial(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {field["name"]: field.get("value", "") for field in soup.select("input[name]")}, soup


def test_a_new_issue_starts_with_the_next_number_and_its_address(editor_client, tree):
    IssuePageFactory(parent=tree["issues"], number=180, slug="180")
    add_url = f"/admin/pages/add/publication/issuepage/{tree['issues'].pk}/"

    initial, _ = form_initial(editor_client, add_url)
    assert initial["number"] == "181"
    assert initial["slug"] == "181"
    assert initial["title"] == "Nummer 181"
    assert initial["publication_date"].startswith(timezone.localdate().isoformat())

    # The editor retitles it; the admin's slug follows the title, the address the number.
    data = nested_form_data(
        {
            "title": "Vinternumret",
            "slug": "vinternumret",
            "number": "181",
            "publication_date": "2026-11-30",
            "summary": "",
            "placements": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert IssuePage.objects.get(number=181).url == "/nummer/181/"


def article_form_data(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "author": "",
        "access_level": "",
        "issue": "",
        "hero_image": "",
        "hero_caption": "",
        "hero_photographer": "",
        "hero_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Första stycket.</p>"))]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(changes)
    return nested_form_data(data)


def test_an_article_chooses_its_issue_and_the_issue_shows_it(editor_client, client, tree):
    issue = IssuePageFactory(parent=tree["issues"], number=181, slug="181")
    issue.save_revision().publish()
    first = ArticlePageFactory(parent=tree["sections"][0], title="Först", issue=issue)
    article = ArticlePageFactory(parent=tree["sections"][0], title="Hamnen")
    edit_url = f"/admin/pages/{article.pk}/edit/"

    soup = BeautifulSoup(editor_client.get(edit_url).content, "html.parser")
    # Who may read it is on the main tab and says what the site default is now.
    content_tab = soup.select("section[role=tabpanel]")[0]
    default = content_tab.select_one("select[name=access_level] option[value='']")
    assert (
        default.get_text() == "Webbplatsens standard (just nu: Räknas mot månadens gratisartiklar)"
    )

    response = editor_client.post(edit_url, article_form_data(article, issue=str(issue.pk)))
    assert response.status_code == 302, response.content.decode()[:2000]

    toc = BeautifulSoup(client.get("/nummer/181/").content, "html.parser").select(".toc li a")
    assert [a.get_text() for a in toc] == ["Först", "Hamnen"]
    # The issue's own form lists it too, so saving the issue later keeps it.
    latest = IssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    assert [p.article_id for p in latest.placements.all()] == [first.pk, article.pk]
    assert not IssuePage.objects.get(pk=issue.pk).has_unpublished_changes

    response = editor_client.post(edit_url, article_form_data(article, issue=""))
    assert ArticlePage.objects.get(pk=article.pk).issue is None


def test_several_articles_go_into_an_issue_at_once(editor_client, client, tree):
    old = IssuePageFactory(parent=tree["issues"], number=180, slug="180")
    new = IssuePageFactory(parent=tree["issues"], number=181, slug="181")
    moved = ArticlePageFactory(parent=tree["sections"][0], title="Flyttad", issue=old)
    fresh = ArticlePageFactory(parent=tree["sections"][0], title="Ny")

    url = (
        f"/admin/bulk/wagtailcore/page/add_to_issue/?id={moved.pk}&id={fresh.pk}"
        f"&id={tree['sections'][0].pk}&next=/admin/"
    )
    confirm = editor_client.get(url).content.decode()
    assert "Lägg i nummer" in confirm
    response = editor_client.post(url, {"issue": new.pk})
    assert response.status_code == 302

    toc = BeautifulSoup(client.get("/nummer/181/").content, "html.parser").select(".toc li a")
    assert [a.get_text() for a in toc] == ["Flyttad", "Ny"]
    assert not IssuePage.objects.get(pk=old.pk).placements.exists()


def test_issue_pages_link_to_the_previous_and_next_issue_that_are_out(client, tree):
    for number in (179, 180, 181):
        issue = IssuePageFactory(parent=tree["issues"], number=number, slug=str(number))
        ArticlePageFactory(parent=tree["sections"][0], issue=issue)
    IssuePageFactory(
        parent=tree["issues"], number=182, slug="182", publication_date=dt.date(2099, 1, 1)
    )

    def steps(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return {a["rel"][0]: a["href"] for a in soup.select(".issue-steps a")}

    assert steps("/nummer/180/") == {"prev": "/nummer/179/", "next": "/nummer/181/"}
    assert steps("/nummer/181/") == {"prev": "/nummer/180/"}
