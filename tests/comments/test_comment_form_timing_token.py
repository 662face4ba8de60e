"""The empty comment form is drawn once and shared by anonymous readers, but each
reader's form still says when it was shown (the spam defence's minimum time)."""

from bs4 import BeautifulSoup
from django.test import Client

from utgivare.comments import forms
from utgivare.comments.forms import seconds_since_shown


def started_token(url):
    soup = BeautifulSoup(Client().get(url).content, "html.parser")
    return soup.select_one('form.comment-form input[name="started"]')["value"]


def test_each_anonymous_reader_gets_the_time_their_form_was_shown(article, monkeypatch):
    monkeypatch.setattr(forms.time, "time", lambda: 1_800_000_000)
    first = started_token(article.url)
    monkeypatch.setattr(forms.time, "time", lambda: 1_800_000_300)
    second = started_token(article.url)  # the form now comes from the cache
    assert seconds_since_shown(first, now_seconds=1_800_000_300) == 300
    assert seconds_since_shown(second, now_seconds=1_800_000_300) == 0


def test_shared_form_holds_exactly_one_token(article):
    Client().get(article.url)
    html = Client().get(article.url).content.decode()
    assert html.count('name="started"') == 1
    assert "comment-form-started-token" not in html
