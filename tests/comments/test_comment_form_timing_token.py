"""The comment form's minimum time survives whole-page caching: the cached page holds
no timing token; the reader's browser asks for one when they first touch the form,
and the minimum counts from then (never more than a person pasting a text needs)."""

import time

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from utgivare.comments import forms
from utgivare.comments.forms import form_timing, form_token
from utgivare.comments.models import Comment
from utgivare.comments.spam import FIRST_INTERACTION_MIN_SECONDS

from .conftest import form_data
from .factories import comment_settings


def started_field(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one('form.comment-form input[name="started"]')


def test_shared_page_holds_no_token_and_the_form_asks_for_one(article):
    Client().get(article.url)
    html = Client().get(article.url).content.decode()
    assert started_field(html)["value"] == ""
    form = BeautifulSoup(html, "html.parser").select_one("form.comment-form")
    assert form["data-started-url"] == reverse("comments:form_started")


def test_token_endpoint_is_never_cached_and_counts_from_now(client, monkeypatch):
    monkeypatch.setattr(forms.time, "time", lambda: 1_800_000_000)
    response = client.get(reverse("comments:form_started"))
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    timing = form_timing(response.json()["started"], now_seconds=1_800_000_002)
    assert timing.seconds == 2 and timing.from_first_interaction


def post(client, article, started, text):
    return client.post(
        reverse("comments:post", args=[article.pk]), form_data(started=started, text=text)
    )


def test_from_first_touch_a_person_pasting_a_text_is_never_too_fast(client, article, tree):
    # However long the site asks from drawing the form, from the first touch it asks
    # only what a person needs to fill in name and address and paste a text.
    comment_settings(tree["site"], min_seconds_to_submit=30)
    just_touched = form_token(time.time(), first_interaction=True)
    refused = post(client, article, just_touched, "Klistrat för fort.")
    assert refused.status_code == 400
    assert "Klistrat för fort." in refused.content.decode()
    touched = form_token(time.time() - FIRST_INTERACTION_MIN_SECONDS, first_interaction=True)
    assert post(client, article, touched, "Inklistrad text.").status_code == 302
    assert Comment.objects.filter(text__contains="Inklistrad text.").exists()


def test_without_a_script_the_second_send_goes_through(client, article, tree, monkeypatch):
    comment_settings(tree["site"], min_seconds_to_submit=3)
    monkeypatch.setattr(forms.time, "time", lambda: 1_800_000_000)
    refused = post(client, article, "", "Skrivet utan skript.")
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "vänta några sekunder och skicka igen" in html
    assert "Skrivet utan skript." in html
    token = started_field(html)["value"]
    assert token
    monkeypatch.setattr(forms.time, "time", lambda: 1_800_000_004)
    assert post(client, article, token, "Skrivet utan skript.").status_code == 302
