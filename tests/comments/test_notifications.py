"""E-mail about comments, sent by tasks once the comment is stored."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from utgivare.comments import moderating
from utgivare.comments.models import Comment
from utgivare.comments.moderation import ModerationMode

from .factories import CommentFactory, comment_settings, make_user


@pytest.fixture
def send(post_comment, django_capture_on_commit_callbacks):
    """Post a comment and run what waits for the commit (the task enqueues)."""

    def run(page, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return post_comment(page, **fields)

    return run


@pytest.fixture
def moderator(db):
    user = make_user(email="moderator@example.org")
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    return user


def test_author_and_moderators_hear_of_a_new_comment(article, moderator, send, mailoutbox):
    writer = make_user(email="karin@example.org")
    type(article.author).objects.filter(pk=article.author_id).update(user=writer)
    send(article, text="Vem skrev under avtalet?")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["karin@example.org", "moderator@example.org"]
    assert "Kommentar att granska" in mail.subject
    assert "Vem skrev under avtalet?" in mail.body
    assert "/admin/kommentarer/" in mail.body
    # The commenter's address is not handed to the author.
    assert "granne@example.org" not in mail.body


def test_nothing_is_sent_when_the_comment_was_not_stored(article, moderator, send, mailoutbox):
    send(article, homepage="bot")
    assert mailoutbox == []


def first_link(mail):
    return re.search(r"http://\S+", mail.body).group(0)


def test_commenter_who_opted_in_confirms_then_hears_of_replies(
    client, article, site, send, mailoutbox
):
    comment_settings(site, moderation_mode=ModerationMode.POST, notify_moderators=False)
    send(article, name="Anna", email="anna@example.org", notify_replies="on")
    anna = Comment.objects.get(author_name="Anna")
    assert anna.notify_replies and not anna.notify_confirmed
    confirmation = mailoutbox[-1]
    assert confirmation.to == ["anna@example.org"]
    link = first_link(confirmation).replace("http://127.0.0.1:8000", "")
    assert "Ja, skicka e-post om svar" in client.get(link).content.decode()
    client.post(link)
    anna.refresh_from_db()
    assert anna.notify_confirmed

    mailoutbox.clear()
    send(article, name="Bertil", email="bertil@example.org", in_reply_to=str(anna.pk))
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    assert "Bertil svarade på din kommentar" in mailoutbox[0].subject
    assert "/kommentarer/avsluta/" in mailoutbox[0].body


def test_no_reply_mail_without_opt_in(article, site, send, mailoutbox):
    comment_settings(site, moderation_mode=ModerationMode.POST, notify_moderators=False)
    anna = CommentFactory(page=article, author_email="anna@example.org")
    send(article, in_reply_to=str(anna.pk))
    assert mailoutbox == []


def test_no_reply_mail_to_an_unconfirmed_address(article, site, send, mailoutbox):
    comment_settings(site, moderation_mode=ModerationMode.POST, notify_moderators=False)
    anna = CommentFactory(page=article, author_email="anna@example.org", notify_replies=True)
    send(article, in_reply_to=str(anna.pk))
    assert mailoutbox == []


def test_held_reply_is_announced_once_when_approved(
    article, moderator, send, mailoutbox, django_capture_on_commit_callbacks
):
    anna = CommentFactory(
        page=article, author_email="anna@example.org", notify_replies=True, notify_confirmed=True
    )
    send(article, in_reply_to=str(anna.pk), email="ny@example.org", name="Ny läsare")
    reply = Comment.objects.get(author_name="Ny läsare")
    assert reply.status == "pending"
    assert all("anna@example.org" not in m.to for m in mailoutbox)
    for action in ("approve", "pending", "approve"):
        with django_capture_on_commit_callbacks(execute=True):
            moderating.moderate([reply.pk], action, actor=moderator, now=timezone.now())
    assert [m.to for m in mailoutbox].count(["anna@example.org"]) == 1


def test_unsubscribe_link_stops_reply_mail(client, article):
    from utgivare.comments import tokens

    anna = CommentFactory(
        page=article, author_email="anna@example.org", notify_replies=True, notify_confirmed=True
    )
    client.post(f"/kommentarer/avsluta/{tokens.make('anna@example.org', 'stop')}/")
    anna.refresh_from_db()
    assert not anna.notify_replies


def test_forged_confirmation_link_does_nothing(client, article):
    anna = CommentFactory(page=article, author_email="anna@example.org", notify_replies=True)
    response = client.post("/kommentarer/bekrafta/forged-token/")
    assert response.status_code == 400
    anna.refresh_from_db()
    assert not anna.notify_confirmed


def test_logged_in_reader_with_verified_address_needs_no_confirmation(
    client, article, site, send, mailoutbox
):
    from allauth.account.models import EmailAddress

    comment_settings(site, notify_moderators=False)
    reader = make_user(email="eva@example.org")
    EmailAddress.objects.create(user=reader, email="eva@example.org", verified=True, primary=True)
    client.force_login(reader)
    send(article, email="eva@example.org", notify_replies="on")
    assert Comment.objects.get().notify_confirmed
    assert mailoutbox == []
