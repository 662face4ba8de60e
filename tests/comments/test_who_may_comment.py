import datetime as dt
from unittest import mock

from django.utils import timezone

from utgivare.comments.models import Comment, Thread
from utgivare.comments.policy import ThreadClosing, WhoMayComment
from utgivare.subscriptions.entitlements import Entitlements

from .factories import comment_settings, make_user


def test_registered_only_site_asks_guests_to_log_in(client, article, site, post_comment):
    comment_settings(site, who_may_comment=WhoMayComment.REGISTERED)
    html = client.get(article.url).content.decode()
    assert "Du behöver vara inloggad för att kommentera." in html
    assert 'name="email"' not in html
    assert post_comment(article).status_code == 403
    assert Comment.objects.count() == 0


def test_registered_reader_gets_name_and_email_filled_in(client, article, site, post_comment):
    comment_settings(site, who_may_comment=WhoMayComment.REGISTERED)
    reader = make_user(first_name="Eva", last_name="Ek", email="eva@example.org")
    client.force_login(reader)
    html = client.get(article.url).content.decode()
    assert 'value="Eva Ek"' in html and 'value="eva@example.org"' in html
    post_comment(article, name="Eva Ek", email="eva@example.org")
    assert Comment.objects.get().user == reader


def test_subscribers_only_site_refuses_a_reader_without_subscription(
    client, article, site, post_comment
):
    comment_settings(site, who_may_comment=WhoMayComment.SUBSCRIBERS)
    client.force_login(make_user())
    html = client.get(article.url).content.decode()
    assert "Bara prenumeranter kan kommentera." in html
    assert post_comment(article).status_code == 403


def test_subscribers_only_site_lets_a_subscriber_comment(client, article, site, post_comment):
    comment_settings(site, who_may_comment=WhoMayComment.SUBSCRIBERS)
    client.force_login(make_user())
    subscriber = Entitlements(content_types=frozenset({"article"}), reason="Prenumeration")
    with mock.patch("utgivare.subscriptions.entitlements.for_reader", return_value=subscriber):
        assert 'name="email"' in client.get(article.url).content.decode()
        assert post_comment(article).status_code == 302
    assert Comment.objects.count() == 1


def test_comments_close_after_the_sites_number_of_days(client, article, site, post_comment):
    comment_settings(site, close_after_days=30)
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - dt.timedelta(days=31)
    )
    html = client.get(article.url).content.decode()
    assert "Kommentarerna är stängda" in html
    assert "comment__reply" not in html
    assert post_comment(article).status_code == 403


def test_a_piece_can_be_closed_on_its_own(client, article, post_comment):
    Thread.objects.create(page=article, closing=ThreadClosing.CLOSED)
    assert "Kommentarerna är stängda" in client.get(article.url).content.decode()
    assert post_comment(article).status_code == 403


def test_a_piece_can_stay_open_beyond_the_site_limit(client, article, site, post_comment):
    comment_settings(site, close_after_days=1)
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - dt.timedelta(days=90)
    )
    Thread.objects.create(page=article, closing=ThreadClosing.OPEN)
    assert post_comment(article).status_code == 302


def test_pages_that_take_no_comments_refuse_posts(client, tree, post_comment):
    assert post_comment(tree["sections"][0]).status_code == 404


def test_blog_posts_take_comments_like_articles(client, tree, post_comment):
    from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
    from tests.factories import AuthorPageFactory

    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    blog = BlogPageFactory(parent=BlogIndexPageFactory(parent=tree["home"]), writer=writer)
    post = BlogPostPageFactory(parent=blog, access_level="free")
    assert post_comment(post).status_code == 302
    assert post.reader_comments.count() == 1
