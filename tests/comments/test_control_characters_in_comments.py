"""What a commenter pastes is stored without control characters, in one Unicode form."""

from utgivare.comments.models import Comment, CommentReport

from .factories import CommentFactory


def test_comment_with_nul_and_pasted_controls_is_stored_clean(article, post_comment):
    response = post_comment(
        article,
        name="Gran\x00ne i No\u0308rrvik",
        text="Va\x00rför fick\x0b inte revisorerna\x1b se a\u030avtalet?\nRad två.",
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author_name == "Granne i Nörrvik"
    assert comment.text == "Varför fick inte revisorerna se åvtalet?\nRad två."


def test_comment_of_nothing_but_control_characters_is_refused_and_not_stored(article, post_comment):
    response = post_comment(article, text="\x00\x01\x02")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_form_shown_again_holds_the_cleaned_text(article, post_comment):
    response = post_comment(article, email="inte-en-adress", text="Bygg\x00lovet\x0c drogs in.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bygglovet drogs in." in html
    assert "\x00" not in html and "\x0c" not in html


def test_report_details_with_a_nul_are_stored_clean(client, article):
    comment = CommentFactory(page=article)
    response = client.post(
        f"/kommentarer/k/{comment.pk}/anmal/", {"reason": "abuse", "details": "Hän\x00ger ut"}
    )
    assert response.status_code == 200
    assert CommentReport.objects.get().details == "Hänger ut"
