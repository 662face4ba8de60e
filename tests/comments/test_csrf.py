"""Anonymous readers' pages carry no CSRF cookie; logged-in readers' posts need the token."""

from django.test import Client

from utgivare.comments.models import Comment

from .conftest import form_data
from .factories import make_user


def test_anonymous_reader_gets_no_csrf_cookie_and_can_still_comment(article):
    client = Client(enforce_csrf_checks=True)
    response = client.get(article.url)
    assert "csrftoken" not in response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert client.post(f"/kommentarer/{article.pk}/", form_data()).status_code == 302
    assert Comment.objects.count() == 1


def test_logged_in_readers_post_without_the_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    assert client.post(f"/kommentarer/{article.pk}/", form_data()).status_code == 403
    assert Comment.objects.count() == 0


def test_logged_in_reader_posts_with_the_token_from_the_page(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    client.get(article.url)
    token = client.cookies["csrftoken"].value
    data = form_data(csrfmiddlewaretoken=token)
    assert client.post(f"/kommentarer/{article.pk}/", data).status_code == 302
    assert Comment.objects.count() == 1


def test_anonymous_page_does_not_touch_the_session(article):
    response = Client().get(article.url)
    assert "sessionid" not in response.cookies
