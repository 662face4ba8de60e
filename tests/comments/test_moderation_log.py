"""Every moderator's decision is in the history: closing a thread and lifting a ban too."""

import pytest
from django.contrib.auth.models import Group

from utgivare.comments.models import Ban, ModerationEvent, Thread
from utgivare.comments.policy import ThreadClosing

from .factories import CommentFactory, make_user

ADMIN = "/admin/kommentarer/"


@pytest.fixture
def moderator(db):
    user = make_user(first_name="Mona", last_name="Moderator", email="mona@example.org")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


def test_closing_a_thread_is_in_the_history_with_who_and_which_page(admin_client, article):
    response = admin_client.post(
        ADMIN + "tradar/", {"page": article.pk, "closing": ThreadClosing.CLOSED}
    )
    assert response.status_code == 302
    assert Thread.objects.get(page=article).closing == ThreadClosing.CLOSED
    event = ModerationEvent.objects.get(action=ModerationEvent.Action.THREAD_CLOSING)
    assert event.page_id == article.pk
    assert event.actor.first_name == "Mona"
    assert event.changes == {"closing": ["Enligt webbplatsens inställning", "Stängd"]}
    history = admin_client.get(ADMIN + "historik/").content.decode()
    assert "Trådens kommentarer ändrade av Mona" in history
    assert "Kommentarer: <del>Enligt webbplatsens inställning</del> → <ins>Stängd</ins>" in history
    assert article.title in history


def test_opening_a_closed_thread_again_is_a_second_line(admin_client, article):
    for closing in (ThreadClosing.CLOSED, ThreadClosing.OPEN):
        admin_client.post(ADMIN + "tradar/", {"page": article.pk, "closing": closing})
    changes = [
        event.changes["closing"]
        for event in ModerationEvent.objects.filter(action="closing").order_by("id")
    ]
    assert changes == [
        ["Enligt webbplatsens inställning", "Stängd"],
        ["Stängd", "Alltid öppen"],
    ]


def test_saving_the_same_thread_setting_again_adds_no_line(admin_client, article):
    for _ in range(2):
        admin_client.post(ADMIN + "tradar/", {"page": article.pk, "closing": "closed"})
    assert ModerationEvent.objects.filter(action="closing").count() == 1


def test_closing_a_thread_shows_readers_the_closed_thread(admin_client, client, article):
    admin_client.post(ADMIN + "tradar/", {"page": article.pk, "closing": "closed"})
    client.logout()
    assert "Kommentarerna är stängda" in client.get(article.url).content.decode()


def test_lifting_a_ban_is_in_the_history_without_the_address(admin_client, article):
    comment = CommentFactory(page=article, author_email="troll@example.org")
    admin_client.post(f"{ADMIN}{comment.pk}/sparra/", {"kind": "email", "reason": "Hot"})
    ban = Ban.objects.get()

    response = admin_client.post(ADMIN + "sparrar/", {"remove": ban.pk})

    assert response.status_code == 302
    assert not Ban.objects.exists()
    lifted = ModerationEvent.objects.get(action=ModerationEvent.Action.UNBANNED)
    assert lifted.actor.first_name == "Mona"
    assert lifted.changes == {"ban": ["E-postadress", None]}
    assert "troll@example.org" not in str(lifted.changes) + lifted.reason
    history = admin_client.get(ADMIN + "historik/").content.decode()
    assert "Spärr borttagen" in history


def test_lifting_a_ban_that_is_already_gone_records_nothing(admin_client, db):
    admin_client.post(ADMIN + "sparrar/", {"remove": "4711"})
    assert not ModerationEvent.objects.exists()
