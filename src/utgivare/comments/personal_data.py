"""The comments' personal data: a reader's export and erasure (registered with
core.personal_data in apps.py), and forgetting IP data after its retention time."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from utgivare.core import addresses

from . import privacy, threads
from .models import Comment, CommentReport, ModerationEvent


def comments_of(user):
    """The reader's comments: written while logged in, or under an address the
    account has confirmed (never one merely added: it may be a stranger's)."""
    match = Q(user=user) | addresses.matching_any(
        "author_email", addresses.confirmed_addresses(user)
    )
    return Comment.objects.filter(match)


def export(user) -> list[dict]:
    comments = comments_of(user).select_related("page").order_by("created_at")
    return [
        {
            "page": comment.page.title,
            "url": comment.page.url,
            "written_at": comment.created_at.isoformat(),
            "status": comment.status,
            "name": comment.author_name,
            "email": comment.author_email,
            "website": comment.author_website,
            "text": comment.text,
            "ip_address": comment.ip_address,
            "ip_hash": comment.ip_hash,
            "notify_replies": comment.notify_replies,
        }
        for comment in comments
    ]


def erase(user) -> int:
    """Erase a reader's comments with their account.

    The comments are deleted. Replies by others keep their place: their thread
    paths still name the erased comment, and the thread shows a "removed"
    placeholder there. Audit events keep what was done, not the words.
    """
    now = timezone.now()
    with transaction.atomic():
        comments = list(comments_of(user).only("pk", "page_id"))
        if not comments:
            return 0
        ids = [c.pk for c in comments]
        locked = {page_id: threads.locked(page_id) for page_id in {c.page_id for c in comments}}
        ModerationEvent.objects.filter(comment_id__in=ids).update(changes={}, actor_label="")
        CommentReport.objects.filter(reporter=user).update(reporter=None)
        Comment.objects.filter(pk__in=ids).delete()
        for thread in locked.values():
            threads.refresh(thread, now=now)
    return len(ids)


def purge_ip_data(*, older_than: dt.datetime, under_path: str = "") -> int:
    """Forget IP addresses and hashes of comments (and reports) older than the cut-off,
    on pages under `under_path` (a site's root page path; "" = everywhere)."""
    comments = Comment.objects.filter(created_at__lt=older_than).exclude(
        ip_address__isnull=True, ip_hash=""
    )
    reports = CommentReport.objects.filter(created_at__lt=older_than).exclude(reporter_ip_hash="")
    if under_path:
        comments = comments.filter(page__path__startswith=under_path)
        reports = reports.filter(comment__page__path__startswith=under_path)
    reports.update(reporter_ip_hash="")
    return comments.update(ip_address=None, ip_hash="")


def purge_reporter_hashes(*, now: dt.datetime) -> int:
    """Forget reporters' address hashes after privacy.REPORTER_HASH_DAYS, whatever the
    site's IP policy: they exist only to count each reader's report once."""
    return (
        CommentReport.objects.filter(
            created_at__lt=now - dt.timedelta(days=privacy.REPORTER_HASH_DAYS)
        )
        .exclude(reporter_ip_hash="")
        .update(reporter_ip_hash="")
    )
