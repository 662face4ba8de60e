"""The ansvarig utgivare answers for moderation: every decision, from the queue, in bulk
or from the detail view, is in the log and can be exported for a period; a comment
removed as illegal is gone at once, its words kept only in a sealed copy."""

import csv
import datetime as dt
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from tests.tips.conftest import PASSPHRASE
from utgivare.comments.models import Ban, CommentReport, ModerationEvent, SealedComment
from utgivare.comments.moderation import Status
from utgivare.tips import inbox as tip_inbox
from utgivare.tips import sealing

from .factories import CommentFactory, make_user

ADMIN = "/admin/kommentarer/"


@pytest.fixture
def moderator_client(client, db):
    user = make_user(first_name="Mona", last_name="Moderator", email="mona@example.org")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    client.force_login(user)
    return client


def _export(client, fmt, start, end):
    return client.get(ADMIN + "historik/export/", {"fran": start, "till": end, "format": fmt})


def test_every_kind_of_decision_is_exported_with_who_when_what_and_why(moderator_client, article):
    pending = [CommentFactory(page=article, status=Status.PENDING) for _ in range(3)]
    reported = CommentFactory(page=article, author_email="arg@example.org")
    CommentReport.objects.create(comment=reported, reason="abuse")
    reported.open_reports = 1
    reported.save(update_fields=["open_reports"])

    moderator_client.post(
        ADMIN + "massatgard/",
        {"bulk_action": "approve", "selected": [c.pk for c in pending[:2]]},
    )
    moderator_client.post(
        ADMIN + f"{pending[2].pk}/atgard/", {"action": "spam", f"reason-{pending[2].pk}": "Reklam"}
    )
    moderator_client.post(
        ADMIN + f"{reported.pk}/atgard/", {"action": "reject", f"reason-{reported.pk}": "Hot"}
    )
    moderator_client.post(
        ADMIN + f"{pending[0].pk}/",
        {"author_name": "X", "author_website": "", "text": "Rättat.", "reason": "Namn"},
    )
    moderator_client.post(ADMIN + f"{reported.pk}/sparra/", {"kind": "email", "reason": "Hot"})
    moderator_client.post(ADMIN + "sparrar/", {"remove": str(Ban.objects.get().pk)})
    moderator_client.post(ADMIN + "tradar/", {"page": article.pk, "closing": "closed"})

    today = timezone.localdate().isoformat()
    rows = json.loads(_export(moderator_client, "json", today, today).content)
    actions = [row["action"] for row in rows]
    for action in (
        "approved",
        "spam",
        "rejected",
        "resolved",
        "edited",
        "banned",
        "unbanned",
        "closing",
    ):
        assert action in actions, action
    assert actions.count("approved") == 2
    spam = next(row for row in rows if row["action"] == "spam")
    assert spam["who"] == "Mona Moderator" and spam["why"] == "Reklam"
    assert spam["page"] == article.title and spam["time"].startswith(today)

    exported = _export(moderator_client, "csv", today, today)
    assert exported["Content-Disposition"].endswith('.csv"')
    lines = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert [line["action"] for line in lines] == actions

    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert json.loads(_export(moderator_client, "json", yesterday, yesterday).content) == []


def test_a_comment_removed_as_illegal_is_gone_and_only_sealed(moderator_client, article, client):
    words = "Ett grovt hot mot kommunalrådet."
    comment = CommentFactory(page=article, text=words, author_name="Hotfull")
    assert words in moderator_client.get(article.url).content.decode()

    refused = moderator_client.post(ADMIN + f"{comment.pk}/olagligt/", {"ground": "olaga_hot"})
    assert refused.status_code == 302 and not SealedComment.objects.exists()

    inbox = tip_inbox.create_inbox(PASSPHRASE, retention_days=90)
    moderator_client.post(
        ADMIN + f"{comment.pk}/olagligt/", {"ground": "olaga_hot", "reason": "Polisanmält"}
    )

    comment.refresh_from_db()
    assert comment.status == Status.REJECTED and comment.text == ""
    assert words not in client.get(article.url).content.decode()
    event = ModerationEvent.objects.get(action="illegal")
    assert event.reason == "Olaga hot: Polisanmält" and event.actor_label == "Mona Moderator"
    copy = SealedComment.objects.get()
    assert words.encode() not in bytes(copy.sealed)
    assert copy.keep_until.year == timezone.localdate().year + 5
    opened = json.loads(
        sealing.open_sealed(tip_inbox.unlock(inbox, PASSPHRASE), bytes(copy.sealed))
    )
    assert opened["text"] == words and opened["author_name"] == "Hotfull"

    copy.keep_until = timezone.localdate() - dt.timedelta(days=1)
    copy.save()
    call_command("purge_comment_ips", stdout=io.StringIO())
    assert not SealedComment.objects.exists()
