"""Moderators' decisions, each stored with its line in the moderation log
(ModerationEvent): who decided what, when, and what changed.

Approving, rejecting, marking as spam, sending back to review, editing, banning
and removing a ban, opening and closing a thread: every function here that
changes something writes its record in the same transaction. Readers' reports
(reports.py) and new comments (posting.py) write theirs through `record`.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from utgivare.core import addresses

from . import comment_text, reply_notifications, threads
from .models import Ban, Comment, CommentReport, ModerationEvent
from .moderation import Status
from .policy import ThreadClosing

Action = ModerationEvent.Action


def record(
    comment,
    action,
    actor=None,
    *,
    actor_label="",
    reason="",
    changes=None,
    page_id=None,
    now,
) -> ModerationEvent:
    """One line in the moderation log. `comment` is None for decisions about a
    thread (pass `page_id`) or a ban."""
    label = actor_label
    if not label and actor is not None and actor.is_authenticated:
        label = actor.get_full_name() or actor.get_username()
    return ModerationEvent.objects.create(
        comment=comment,
        page_id=page_id,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=label[:150],
        reason=reason,
        changes=changes or {},
        created_at=now,
    )


MODERATION_ACTIONS = {
    "approve": (Status.APPROVED, Action.APPROVED),
    "reject": (Status.REJECTED, Action.REJECTED),
    "spam": (Status.SPAM, Action.SPAM),
    "pending": (Status.PENDING, Action.PENDING),
}


def moderate(comment_ids: Iterable[int], action: str, *, actor, reason: str = "", now) -> int:
    """Approve, reject, mark as spam or send back to review; returns how many changed.

    Any decision is also the review of a reported comment: its open reports
    are resolved, and approving ("keep") shows it again if reports hid it.
    """
    new_status, event_action = MODERATION_ACTIONS[action]
    changed = []
    with transaction.atomic():
        comments = list(
            Comment.objects.select_for_update().filter(pk__in=list(comment_ids)).order_by("pk")
        )
        locked = {page_id: threads.locked(page_id) for page_id in {c.page_id for c in comments}}
        for comment in comments:
            was_hidden = comment.hidden_for_review
            reviewing = action != "pending" and (was_hidden or comment.open_reports)
            if comment.status == new_status and not reviewing:
                continue
            changes = {}
            if comment.status != new_status:
                changes["status"] = [comment.status, new_status]
            comment.status = new_status
            comment.moderated_at = now
            comment.moderated_by = actor if actor.is_authenticated else None
            comment.rejection_reason = reason if action in ("reject", "spam") else ""
            fields = ["status", "moderated_at", "moderated_by", "rejection_reason"]
            if action == "approve" and was_hidden:
                changes["hidden_for_review"] = [True, False]
                comment.hidden_for_review = False
                fields.append("hidden_for_review")
            if action != "pending" and comment.open_reports:
                # Any decision is the review the reports asked for.
                changes["open_reports"] = [comment.open_reports, 0]
                comment.open_reports = 0
                fields.append("open_reports")
                # Counting is over for these reports: their address hashes go.
                resolved = CommentReport.objects.filter(
                    comment=comment, resolved_at__isnull=True
                ).update(resolved_at=now, resolved_by=actor, reporter_ip_hash="")
            else:
                resolved = 0
            comment.save(update_fields=fields)
            record(comment, event_action, actor, reason=reason, changes=changes, now=now)
            if resolved:
                # Its own line, so the log answers "who resolved this report, and how".
                record(
                    comment,
                    Action.REPORTS_RESOLVED,
                    actor,
                    reason=str(event_action.label),
                    changes={"reports": [resolved, 0]},
                    now=now,
                )
            changed.append(comment)
        for thread in locked.values():
            threads.refresh(thread, now=now)
        if new_status == Status.APPROVED:
            reply_notifications.after_publish(changed)
    return len(changed)


EDITABLE_FIELDS = ("author_name", "author_website", "text")


def edit_comment(comment: Comment, *, actor, values: dict, reason: str = "", now) -> bool:
    """A moderator's edit; the audit trail keeps the words before and after."""
    with transaction.atomic():
        thread = threads.locked(comment.page_id)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        changes = {}
        for field in EDITABLE_FIELDS:
            if field not in values:
                continue
            value = values[field]
            if field == "text":
                value = comment_text.normalise_text(value)
            elif field == "author_website":
                value = comment_text.safe_website(value)
            else:
                value = value.strip()
            if getattr(comment, field) != value:
                changes[field] = [getattr(comment, field), value]
                setattr(comment, field, value)
        if not changes:
            return False
        comment.text_html = comment_text.render(comment.text)
        comment.edited_at = now
        comment.save(update_fields=[*changes.keys(), "text_html", "edited_at"])
        record(comment, Action.EDITED, actor, reason=reason, changes=changes, now=now)
        threads.refresh(thread, now=now)
    return True


# How long a ban lasts, as the moderator picks it; "" is until someone lifts it.
BAN_DAYS = {"7": 7, "30": 30, "365": 365, "": None}


def ban_expiry(choice: str, now):
    """When a ban of `choice` days ends (None: until lifted, also for unknown choices)."""
    days = BAN_DAYS.get(choice)
    return None if days is None else now + dt.timedelta(days=days)


def ban(
    kind: str,
    value: str,
    *,
    actor,
    reason: str = "",
    comment: Comment | None = None,
    expires_at=None,
    now,
) -> Ban:
    """Stop an address (or IP hash) from commenting, for good or until `expires_at`.

    Banning an address again sets the new term (an old ban may have run out).
    The log names the comment that led to it.
    """
    if kind == Ban.Kind.EMAIL:
        value = addresses.normalise(value)
    with transaction.atomic():
        ban_row, _created = Ban.objects.update_or_create(
            kind=kind,
            value=value,
            defaults={"expires_at": expires_at},
            create_defaults={
                "reason": reason,
                "created_by": actor,
                "created_at": now,
                "expires_at": expires_at,
            },
        )
        changes = {"ban": [None, ban_row.get_kind_display()]}
        if expires_at is not None:
            changes["expires"] = [None, timezone.localdate(expires_at).isoformat()]
        record(comment, Action.BANNED, actor, reason=reason, changes=changes, now=now)
    return ban_row


def remove_ban(ban_id: int, *, actor, now) -> bool:
    """Lift a ban. The log keeps its kind, not the address it named (a lifted
    ban is no reason to keep someone's e-mail)."""
    with transaction.atomic():
        ban_row = Ban.objects.select_for_update().filter(pk=ban_id).first()
        if ban_row is None:
            return False
        record(
            None,
            Action.UNBANNED,
            actor,
            changes={"ban": [ban_row.get_kind_display(), None]},
            now=now,
        )
        ban_row.delete()
    return True


def _closing_label(closing: str) -> str:
    return str(ThreadClosing(closing).label)


def set_thread_closing(page_id: int, closing: str, *, actor, now) -> bool:
    """Open or close one page's thread (or hand it back to the site's rule)."""
    with transaction.atomic():
        thread = threads.locked(page_id)
        if thread.closing == closing:
            return False
        before = thread.closing
        thread.closing = closing
        # The rendered thread shows or hides its reply links: a new cache version.
        thread.version = F("version") + 1
        thread.save(update_fields=["closing", "version"])
        record(
            None,
            Action.THREAD_CLOSING,
            actor,
            page_id=page_id,
            changes={
                "closing": [str(ThreadClosing(before).label), str(ThreadClosing(closing).label)]
            },
            now=now,
        )
    return True


def remove_as_illegal(
    comment: Comment, ground_key: str, *, actor, reason: str = "", public_key: bytes | None, now
):
    """Take an obviously illegal comment down at once; keep a sealed copy (legal.py).

    The comment's words leave the comment row (text and name), the thread is
    rebuilt without it, and the log says who, when, on what legal ground and why.
    Returns the SealedComment, or None for a ground where no copy may be kept.
    """
    import datetime as dt
    import json

    from utgivare.tips import sealing

    from .legal import GROUNDS
    from .models import SealedComment

    ground = GROUNDS[ground_key]
    with transaction.atomic():
        thread = threads.locked(comment.page_id)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        sealed = None
        if ground.keep_copy:
            if public_key is None:
                raise ValueError("No key to seal the copy with: open the tip inbox first.")
            copy = {
                "id": comment.pk,
                "page_id": comment.page_id,
                "author_name": comment.author_name,
                "author_email": comment.author_email,
                "author_website": comment.author_website,
                "text": comment.text,
                "written_at": comment.created_at.isoformat(),
                "ip_address": comment.ip_address or "",
                "ip_hash": comment.ip_hash or "",
            }
            sealed = SealedComment.objects.create(
                comment=comment,
                ground=ground.key,
                sealed=sealing.seal(public_key, json.dumps(copy).encode()),
                removed_at=now,
                keep_until=(now + dt.timedelta(days=365 * ground.keep_years)).date(),
            )
        changes = {"status": [comment.status, Status.REJECTED]}
        comment.status = Status.REJECTED
        comment.text = ""
        comment.text_html = ""
        comment.author_name = "–"
        comment.author_website = ""
        comment.hidden_for_review = False
        comment.moderated_at = now
        comment.moderated_by = actor if actor.is_authenticated else None
        comment.rejection_reason = str(ground.label)
        comment.open_reports = 0
        comment.save()
        CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=actor, reporter_ip_hash=""
        )
        record(
            comment,
            Action.REMOVED_ILLEGAL,
            actor,
            reason=f"{ground.label}: {reason}" if reason else str(ground.label),
            changes={**changes, "ground": [None, ground.key], "sealed_copy": [None, bool(sealed)]},
            now=now,
        )
        # Earlier edits kept the words in the log: they are sealed now, not kept open.
        for event in ModerationEvent.objects.filter(comment=comment, changes__has_key="text"):
            event.changes["text"] = ["[förseglad]", "[förseglad]"]
            event.save(update_fields=["changes"])
        threads.refresh(thread, now=now)
    return sealed


def delete_expired_sealed_copies(today) -> int:
    from .models import SealedComment

    deleted, _ = SealedComment.objects.filter(keep_until__lt=today).delete()
    return deleted
