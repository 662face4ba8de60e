"""A comment is acknowledged only once stored; a database failure keeps the text."""

from unittest import mock

from django.db import OperationalError

from utgivare.comments.models import Comment


def test_database_error_shows_a_clear_error_and_keeps_the_text(client, article, post_comment):
    with mock.patch(
        "utgivare.comments.threads.Comment.objects.create",
        side_effect=OperationalError("database is locked"),
    ):
        response = post_comment(article, text="En lång och genomtänkt kommentar om hamnen.")
    assert response.status_code == 503
    html = response.content.decode()
    assert "kunde inte sparas" in html
    assert "En lång och genomtänkt kommentar om hamnen." in html
    assert "Tack!" not in html
    assert Comment.objects.count() == 0


def test_database_error_while_showing_the_page_again_still_keeps_the_text(
    client, article, post_comment
):
    failing = OperationalError("no such table")
    with (
        mock.patch("utgivare.comments.threads.Comment.objects.create", side_effect=failing),
        mock.patch("utgivare.publication.models.ArticlePage.serve", side_effect=failing),
    ):
        response = post_comment(article, text="Text som inte får försvinna.")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Text som inte får försvinna." in html
    assert 'action="/kommentarer/' in html


def test_failure_after_the_row_is_written_rolls_everything_back(client, article, post_comment):
    with mock.patch(
        "utgivare.comments.threads.refresh", side_effect=OperationalError("disk I/O error")
    ):
        response = post_comment(article)
    assert response.status_code == 503
    assert Comment.objects.count() == 0


def test_acknowledged_comment_is_stored(client, article, post_comment):
    response = post_comment(article, text="Kvitterad och sparad.")
    page = client.get(response["Location"]).content.decode()
    assert "Tack! Din kommentar granskas." in page
    assert Comment.objects.filter(text="Kvitterad och sparad.").exists()
