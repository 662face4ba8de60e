"""A page's discussion as stored: which pages carry one, the thread row (approved
count, version, open/closed) and where a new comment sits in it.

Every change that alters what a thread shows calls `refresh` inside its own
transaction, so the count and the cache version move with the change.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from utgivare.core import page_cache

from . import comment_text, plain_sql
from .models import Comment, Thread
from .threading import Node, child_path, place_reply


def is_commentable(page) -> bool:
    """Page types say themselves whether they carry a discussion (`accepts_comments`),
    so comments names no app above it."""
    return bool(getattr(page.specific_class, "accepts_comments", False))


def thread_for(page_id) -> Thread:
    """The page's thread row, or an unsaved empty one (no row until the first comment)."""
    return plain_sql.thread_row(page_id) or Thread(page_id=page_id)


def counts_for(page_ids: Iterable[int]) -> dict[int, int]:
    """Approved comment counts for many pages, in one query (for lists of posts)."""
    return dict(
        Thread.objects.filter(page_id__in=list(page_ids)).values_list("page_id", "approved_count")
    )


def locked(page_id) -> Thread:
    """The thread row, created if need be and locked until the transaction ends."""
    Thread.objects.get_or_create(page_id=page_id)
    # The lock serialises concurrent changes to one thread (PostgreSQL); SQLite
    # runs write transactions one at a time anyway (IMMEDIATE mode).
    return Thread.objects.select_for_update().get(page_id=page_id)


def refresh(thread: Thread, *, now, new_comment=False) -> None:
    """Recount after a change, inside the same transaction that made it."""
    thread.approved_count = Comment.objects.public().filter(page_id=thread.page_id).count()
    thread.version = F("version") + 1
    fields = ["approved_count", "version"]
    if new_comment:
        thread.last_comment_at = now
        fields.append("last_comment_at")
    thread.save(update_fields=fields)
    # The piece shows the thread; its section, blog and home page may show the count.
    page_cache.page_id_changed(thread.page_id)


def recount(page_id, *, now=None) -> Thread:
    """Bring a thread's count and version up to date (after bulk loads: demo, bench)."""
    with transaction.atomic():
        thread = locked(page_id)
        refresh(thread, now=now or timezone.now())
    thread.refresh_from_db()
    return thread


def add_comment(page_id, answering: Comment | None, *, max_depth: int, **fields) -> Comment:
    """Store a comment in its place in the thread: nested under the comment it
    answers (threading.place_reply), with its path, depth and rendered text.

    The one way a comment row is made: posting, the demo, the tests and the
    bench all call it. `fields` are the other columns (author, status, times);
    the caller refreshes the thread's count (`refresh` or `recount`).
    """
    placement = place_reply(
        Node(answering.pk, answering.thread_path) if answering else None, max_depth
    )
    parent_id = placement.parent_id
    if parent_id and answering and parent_id != answering.pk:
        # An ancestor may have been erased with its writer's account; the
        # thread path still places the reply correctly without it.
        parent_id = Comment.objects.filter(pk=parent_id).values_list("pk", flat=True).first()
    text = comment_text.normalise_text(fields.pop("text"))
    comment = Comment.objects.create(
        page_id=page_id,
        parent_id=parent_id,
        in_reply_to=answering,
        thread_path="",
        depth=placement.depth,
        text=text,
        text_html=comment_text.render(text),
        **fields,
    )
    comment.thread_path = child_path(placement.parent_path, comment.pk)
    comment.save(update_fields=["thread_path"])
    return comment
