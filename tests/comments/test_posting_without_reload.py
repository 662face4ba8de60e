"""With JavaScript the form posts with fetch() and gets JSON back: no reload."""

from bs4 import BeautifulSoup

from utgivare.comments.models import Comment
from utgivare.comments.moderation import ModerationMode

from .factories import CommentFactory, comment_settings


def test_published_reply_comes_back_as_a_fragment_to_insert(client, article, site, post_comment):
    comment_settings(site, moderation_mode=ModerationMode.POST)
    parent = CommentFactory(page=article, author_name="Anna")
    response = post_comment(
        article, as_json=True, in_reply_to=str(parent.pk), text="Svar <b>utan</b> omladdning."
    )
    assert response.status_code == 201
    data = response.json()
    assert data["ok"] and data["status"] == "approved"
    assert data["parent_id"] == parent.pk
    assert data["count_text"] == "2 kommentarer"
    item = BeautifulSoup(data["comment_html"], "html.parser").select_one("li.comment")
    assert item["id"] == f"kommentar-{data['comment_id']}"
    assert "Svar <b>utan</b> omladdning." in item.get_text()
    assert item.find("b") is None


def test_held_comment_is_acknowledged_in_json(client, article, post_comment):
    data = post_comment(article, as_json=True).json()
    assert data["ok"] and data["status"] == "pending"
    assert data["message"] == "Tack! Din kommentar granskas."
    assert data["comment_html"] == ""
    assert "Väntar på granskning" in data["pending_html"]
    assert Comment.objects.count() == 1


def test_errors_come_back_with_the_form_and_the_typed_text(client, article, post_comment):
    response = post_comment(article, as_json=True, email="", text="Behåll den här texten.")
    assert response.status_code == 400
    data = response.json()
    assert not data["ok"]
    assert "Behåll den här texten." in data["form_html"]


def test_held_reply_comes_back_as_an_item_for_the_list_under_its_parent(
    client, article, post_comment
):
    parent = CommentFactory(page=article, author_name="Anna")
    data = post_comment(article, as_json=True, in_reply_to=str(parent.pk)).json()
    assert data["status"] == "pending" and data["parent_id"] == parent.pk
    item = BeautifulSoup(data["pending_html"], "html.parser").select_one("li.comment--pending")
    assert item["id"] == f"kommentar-{data['comment_id']}"
    assert "Väntar på granskning" in item.get_text()


def test_without_javascript_a_refused_post_shows_its_reason_once_inside_the_page(
    client, article, post_comment
):
    response = post_comment(article, website="inte en adress", text="Behåll den här texten.")
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    # The normal page around it (masthead and all), not a bare error page.
    assert page.select_one("header") is not None and page.select_one("[data-comments]")
    form = page.select_one("form.comment-form")
    assert "Behåll den här texten." in form.get_text()
    # The browser lands at the form, where the reason is.
    assert form["action"].endswith("#kommentera")
    errors = [e.get_text(strip=True) for e in form.select(".errorlist li, .message--error")]
    assert len(errors) == 1 and len(set(errors)) == 1
