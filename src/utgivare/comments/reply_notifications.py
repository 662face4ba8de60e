"""Replies e-mailed to the commenter answered: who asked for them, whose address
is proven, and telling them once a reply is published."""

from collections.abc import Iterable

from django.db import transaction

from utgivare.core import addresses

from . import tasks
from .models import Comment


def address_confirmed(user, email: str) -> bool:
    """Replies may be e-mailed once the address is proven: a confirmed account
    address, or an earlier confirmed reply subscription."""
    email = addresses.normalise(email)
    if addresses.is_confirmed_address(user, email):
        return True
    return Comment.objects.filter(author_email=email, notify_confirmed=True).exists()


def set_reply_notifications(
    email: str, *, confirmed: bool | None = None, wanted: bool | None = None
):
    """Confirm an address (all its opted-in comments) or switch notifications off for it."""
    comments = Comment.objects.filter(author_email=addresses.normalise(email))
    if confirmed is not None:
        comments.filter(notify_replies=True).update(notify_confirmed=confirmed)
    if wanted is not None:
        comments.update(notify_replies=wanted)


def after_publish(comments: Iterable[Comment]) -> None:
    """Once the transaction commits, tell the people answered (tasks check opt-in)."""
    for comment in comments:
        if comment.in_reply_to_id and comment.reply_notified_at is None:
            comment_id = comment.pk
            transaction.on_commit(
                lambda cid=comment_id: tasks.notify_reply.enqueue(cid), robust=True
            )
