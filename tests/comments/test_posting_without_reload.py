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
