from utgivare.comments.models import Comment, CommentSettings
from utgivare.comments.moderation import ModerationMode, Status

from .factories import CommentFactory, comment_settings


def test_article_shows_empty_thread_and_form(client, article):
    html = client.get(article.url).content.decode()
    assert "0 kommentarer" in html
    assert "Lämna ett svar" in html
    assert 'name="email"' in html


def test_first_comment_is_acknowledged_and_held_for_review(client, article, post_comment):
    response = post_comment(article)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.held_reasons == ["first_comment"]
    page = client.get(response["Location"]).content.decode()
    assert "Tack! Din kommentar granskas." in page
    # Shown to its writer as waiting, not in the public thread.
    assert "Väntar på granskning" in page
    assert "0 kommentarer" in page


def test_known_commenter_is_published_at_once(client, article, post_comment):
    CommentFactory(page=article, author_name="Granne i Norrvik", author_email="granne@example.org")
    response = post_comment(article)
    assert response.status_code == 302
    newest = Comment.objects.latest("pk")
    assert newest.status == Status.APPROVED
    page = client.get(response["Location"]).content.decode()
    assert "Tack! Din kommentar är publicerad." in page
    assert "2 kommentarer" in page
    assert "Varför fick inte revisorerna se avtalet" in page


def test_post_moderation_publishes_first_comment(client, article, site, post_comment):
    comment_settings(site, moderation_mode=ModerationMode.POST)
    post_comment(article)
    assert Comment.objects.get().status == Status.APPROVED


def test_pre_moderation_holds_even_known_commenters(client, article, site, post_comment):
    comment_settings(site, moderation_mode=ModerationMode.PRE_ALL)
    CommentFactory(page=article, author_name="Granne i Norrvik", author_email="granne@example.org")
    post_comment(article)
    assert Comment.objects.latest("pk").status == Status.PENDING


def test_invalid_form_keeps_the_typed_text(client, article, post_comment):
    response = post_comment(article, email="inte-en-adress", text="Min långa text om bygglovet.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Min långa text om bygglovet." in html
    assert Comment.objects.count() == 0


def test_settings_default_to_hold_first_comments():
    settings = CommentSettings()
    assert settings.moderation_mode == ModerationMode.PRE_FIRST
    assert settings.max_depth == 3
    assert settings.ip_retention_days == 30
