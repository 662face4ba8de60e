"""Moderators read what happened in plain Swedish, and bans can run out."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone

from utgivare.comments import moderating
from utgivare.comments.models import Ban
from utgivare.comments.posting import is_banned

from .factories import CommentFactory, make_user

ADMIN = "/admin/kommentarer/"
CODES = ("pending", "approved", "status", "first_comment", "hidden_for_review", "open_reports")


@pytest.fixture
def moderator_client(client, db):
    user = make_user(first_name="Mona", last_name="Berg", email="mona@example.org")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    client.force_login(user)
    return client


def test_confirmation_history_and_reasons_read_as_sentences(moderator_client, article):
    comment = CommentFactory(
        page=article, status="pending", author_name="Anna", held_reasons=["first_comment"]
    )
    detail = moderator_client.get(f"{ADMIN}{comment.pk}/").content.decode()
    assert "Första kommentaren från den här adressen" in detail

    response = moderator_client.post(
        f"{ADMIN}{comment.pk}/atgard/", {"action": "approve"}, follow=True
    )
    assert "Kommentaren av Anna är godkänd." in response.content.decode()

    history = BeautifulSoup(moderator_client.get(ADMIN + "historik/").content, "html.parser")
    cell = history.select_one("[data-cm-event=approved]")
    text = cell.get_text(" ", strip=True)
    assert "Godkänd av Mona Berg" in text
    assert "Status: Väntar på granskning → Publicerad" in text
    shown = " ".join(td.get_text(" ") for td in history.select("tbody td"))
    assert not [code for code in CODES if code in shown]


def test_a_ban_with_an_expiry_stops_blocking_when_it_has_run_out(moderator_client, article):
    comment = CommentFactory(page=article, author_email="troll@example.org")
    moderator_client.post(f"{ADMIN}{comment.pk}/sparra/", {"kind": "email", "term": "7"})
    ban = Ban.objects.get()
    now = timezone.now()
    assert now + dt.timedelta(days=6) < ban.expires_at < now + dt.timedelta(days=8)
    assert is_banned(email="troll@example.org", hashed_ip="", now=now + dt.timedelta(days=6))
    assert not is_banned(email="troll@example.org", hashed_ip="", now=now + dt.timedelta(days=8))
    page = BeautifulSoup(moderator_client.get(ADMIN + "sparrar/").content, "html.parser")
    assert page.select_one("[data-cm-ban-term]").get_text(strip=True) != "tills vidare"
    # Banning again "until lifted" replaces the term.
    moderating.ban("email", "troll@example.org", actor=None, now=now)
    assert Ban.objects.get().expires_at is None
