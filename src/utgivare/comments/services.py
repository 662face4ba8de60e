"""Database operations on comments. Each one is a transaction that also keeps
the thread's approved count and version, and the audit trail, in step.

The decisions themselves are made by the plain rule modules (threading,
moderation, spam, policy, privacy); this module gathers their inputs from the
database and stores their outcome.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from utgivare.accounts import addresses

from . import comment_text, privacy
from .models import Ban, Comment, CommentReport, ModerationEvent, Thread
from .moderation import (
    Reporter,
    Status,
    Submission,
    hidden_by_reports,
    initial_status,
    same_reporter,
)
from .privacy import IpPolicy
from .threading import Node, child_path, place_reply

# The Wagtail page types that carry a discussion.
COMMENTABLE_MODELS = ("publication.ArticlePage", "blogs.BlogPostPage")
_COMMENTABLE_LABELS = {label.lower() for label in COMMENTABLE_MODELS}


def is_commentable(page) -> bool:
    content_type = page.content_type
    return f"{content_type.app_label}.{content_type.model}" in _COMMENTABLE_LABELS


Action = ModerationEvent.Action


class ReplyTargetGone(Exception):
    """The comment being answered is no longer published."""


def report_key() -> bytes:
    """The key for reporters' address hashes: its own, so they match nothing else."""
    return hashlib.sha256(
        b"utgivare.comments.report-hash:" + django_settings.SECRET_KEY.encode()
    ).digest()


def ip_key() -> bytes:
    """The key for IP hashes, derived from SECRET_KEY (so it never leaves the server).

    Changing SECRET_KEY changes every hash: IP bans then stop matching.
    """
    return hashlib.sha256(
        b"utgivare.comments.ip-hash:" + django_settings.SECRET_KEY.encode()
    ).digest()


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("comments.moderate_comment"))


# --- Who is staff under a piece -------------------------------------------------


@dataclass(frozen=True)
class Staff:
    """The piece's author and the ansvarig utgivare, as far as the thread needs them."""

    author_user_id: int | None = None
    author_name: str = ""
    publisher_user_id: int | None = None
    publisher_name: str = ""

    @property
    def reserved_names(self) -> tuple[str, ...]:
        return tuple(name for name in (self.author_name, self.publisher_name) if name)

    def badges(self, user_id) -> tuple[str, ...]:
        """Badge codes for a comment by `user_id`: "author", "publisher"."""
        if not user_id:
            return ()
        found = []
        if user_id == self.author_user_id:
            found.append("author")
        if user_id == self.publisher_user_id:
            found.append("publisher")
        return tuple(found)

    @property
    def cache_key(self) -> str:
        return f"{self.author_user_id or 0}-{self.publisher_user_id or 0}"


def staff_for(piece, imprint) -> Staff:
    """One query for both AuthorPages (the piece's `author_id`, the imprint's publisher)."""
    from utgivare.publication.models import AuthorPage

    author_id = getattr(piece, "author_id", None)
    publisher_id = imprint.responsible_publisher_id if imprint else None
    ids = {pk for pk in (author_id, publisher_id) if pk}
    rows = {}
    if ids:
        rows = {
            pk: (user_id, title)
            for pk, user_id, title in AuthorPage.objects.filter(pk__in=ids).values_list(
                "pk", "user_id", "title"
            )
        }
    author = rows.get(author_id, (None, ""))
    publisher = rows.get(publisher_id, (None, ""))
    return Staff(
        author_user_id=author[0],
        author_name=author[1],
        publisher_user_id=publisher[0],
        publisher_name=publisher[1],
    )


# --- Threads ------------------------------------------------------------------------


def thread_for(page_id) -> Thread:
    """The page's thread row, or an unsaved empty one (no row until the first comment)."""
    return Thread.objects.filter(page_id=page_id).first() or Thread(page_id=page_id)


def counts_for(page_ids: Iterable[int]) -> dict[int, int]:
    """Approved comment counts for many pages, in one query (for lists of posts)."""
    return dict(
        Thread.objects.filter(page_id__in=list(page_ids)).values_list("page_id", "approved_count")
    )


def _locked_thread(page_id) -> Thread:
    Thread.objects.get_or_create(page_id=page_id)
    # The lock serialises concurrent changes to one thread (PostgreSQL); SQLite
    # runs write transactions one at a time anyway (IMMEDIATE mode).
    return Thread.objects.select_for_update().get(page_id=page_id)


def _refresh(thread: Thread, *, now, new_comment=False) -> None:
    """Recount after a change, inside the same transaction that made it."""
    thread.approved_count = Comment.objects.public().filter(page_id=thread.page_id).count()
    thread.version = F("version") + 1
    fields = ["approved_count", "version"]
    if new_comment:
        thread.last_comment_at = now
        fields.append("last_comment_at")
    thread.save(update_fields=fields)


def recount(page_id, *, now=None) -> Thread:
    """Bring a thread's count and version up to date (after bulk loads: demo, bench)."""
    with transaction.atomic():
        thread = _locked_thread(page_id)
        _refresh(thread, now=now or timezone.now())
    thread.refresh_from_db()
    return thread


def _record(comment, action, actor=None, *, actor_label="", reason="", changes=None, now):
    label = actor_label
    if not label and actor is not None and actor.is_authenticated:
        label = actor.get_full_name() or actor.get_username()
    ModerationEvent.objects.create(
        comment=comment,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=label[:150],
        reason=reason,
        changes=changes or {},
        created_at=now,
    )


# --- Posting ----------------------------------------------------------------------


@dataclass(frozen=True)
class NewComment:
    page_id: int
    name: str
    email: str
    website: str
    text: str
    in_reply_to_id: int | None = None
    notify_replies: bool = False


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def is_banned(*, email: str, hashed_ip: str, now) -> bool:
    match = Q(kind=Ban.Kind.EMAIL, value=normalise_email(email))
    if hashed_ip:
        match |= Q(kind=Ban.Kind.IP_HASH, value=hashed_ip)
    return (
        Ban.objects.filter(match)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .exists()
    )


def recent_counts(*, email: str, hashed_ip: str, ip_policy: str, since) -> tuple[int | None, int]:
    """Comments in the window from this IP hash (None: the policy keeps nothing) and e-mail."""
    from_ip = None
    if ip_policy != IpPolicy.NONE and hashed_ip:
        from_ip = Comment.objects.filter(ip_hash=hashed_ip, created_at__gte=since).count()
    from_email = Comment.objects.filter(
        author_email=normalise_email(email), created_at__gte=since
    ).count()
    return from_ip, from_email


def has_approved_history(*, user, email: str, name: str) -> bool:
    """Has this commenter been approved before? Accounts by account; guests by name and e-mail."""
    guest = Q(author_email=normalise_email(email), author_name__iexact=name.strip())
    match = guest | Q(user=user) if user is not None and user.is_authenticated else guest
    return Comment.objects.filter(match, status=Status.APPROVED).exists()


def _address_confirmed(user, email: str) -> bool:
    """Replies may be e-mailed once the address is proven: a confirmed account
    address, or an earlier confirmed reply subscription."""
    email = normalise_email(email)
    if addresses.is_confirmed_address(user, email):
        return True
    return Comment.objects.filter(author_email=email, notify_confirmed=True).exists()


def post_comment(
    data: NewComment,
    *,
    user,
    ip: str,
    comment_settings,
    staff: Staff,
    trusted: bool,
    now,
) -> Comment:
    """Store a new comment and everything that follows from it, in one transaction.

    Raises ReplyTargetGone if the answered comment is not (or no longer) public,
    and DatabaseError if the database fails (nothing is then stored).
    """
    from . import tasks

    email = normalise_email(data.email)
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        thread = _locked_thread(data.page_id)
        answered = None
        if data.in_reply_to_id:
            answered = (
                Comment.objects.public()
                .filter(pk=data.in_reply_to_id, page_id=data.page_id)
                .first()
            )
            if answered is None:
                raise ReplyTargetGone(data.in_reply_to_id)
        placement = place_reply(
            Node(answered.pk, answered.thread_path) if answered else None,
            comment_settings.max_depth,
        )
        verdict = initial_status(
            Submission(
                text=data.text,
                name=data.name,
                is_trusted=trusted,
                has_approved_history=has_approved_history(user=user, email=email, name=data.name),
            ),
            comment_settings.moderation_rules(staff.reserved_names),
        )
        ip_record = privacy.record_for(ip, comment_settings.ip_policy, ip_key())
        text = comment_text.normalise_text(data.text)
        parent_id = placement.parent_id
        if parent_id and answered and parent_id != answered.pk:
            # An ancestor may have been erased with its writer's account; the
            # thread path still places the reply correctly without it.
            parent_id = Comment.objects.filter(pk=parent_id).values_list("pk", flat=True).first()
        comment = Comment.objects.create(
            page_id=data.page_id,
            parent_id=parent_id,
            in_reply_to=answered,
            thread_path="",
            depth=placement.depth,
            status=verdict.status,
            held_reasons=list(verdict.reasons),
            author_name=data.name.strip(),
            author_email=email,
            author_website=comment_text.safe_website(data.website),
            text=text,
            text_html=comment_text.render(text),
            user=user,
            ip_address=ip_record.ip_address,
            ip_hash=ip_record.ip_hash,
            created_at=now,
            moderated_at=now if verdict.published else None,
            notify_replies=data.notify_replies,
            notify_confirmed=data.notify_replies and _address_confirmed(user, email),
        )
        comment.thread_path = child_path(placement.parent_path, comment.pk)
        comment.save(update_fields=["thread_path"])
        _record(
            comment,
            Action.CREATED,
            user,
            actor_label=comment.author_name,
            reason=", ".join(verdict.reasons),
            changes={"status": [None, comment.status]},
            now=now,
        )
        _refresh(thread, now=now, new_comment=True)

        comment_id = comment.pk
        # robust: the comment is stored once this runs; a queue that fails now
        # must not turn the reader's answer into "not stored" (they would send
        # it again). The failure is logged; the e-mail is what is lost.
        transaction.on_commit(lambda: tasks.notify_new_comment.enqueue(comment_id), robust=True)
        if comment.notify_replies and not comment.notify_confirmed:
            transaction.on_commit(
                lambda: tasks.confirm_reply_notifications.enqueue(comment_id), robust=True
            )
        if verdict.published:
            _after_publish([comment])
    return comment


def _after_publish(comments: Iterable[Comment]) -> None:
    """Once the transaction commits, tell the people answered (tasks check opt-in)."""
    from . import tasks

    for comment in comments:
        if comment.in_reply_to_id and comment.reply_notified_at is None:
            comment_id = comment.pk
            transaction.on_commit(
                lambda cid=comment_id: tasks.notify_reply.enqueue(cid), robust=True
            )


# --- Moderation ----------------------------------------------------------------------

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
        threads = {page_id: _locked_thread(page_id) for page_id in {c.page_id for c in comments}}
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
                CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(
                    resolved_at=now, resolved_by=actor, reporter_ip_hash=""
                )
            comment.save(update_fields=fields)
            _record(comment, event_action, actor, reason=reason, changes=changes, now=now)
            changed.append(comment)
        for thread in threads.values():
            _refresh(thread, now=now)
        if new_status == Status.APPROVED:
            _after_publish(changed)
    return len(changed)


EDITABLE_FIELDS = ("author_name", "author_website", "text")


def edit_comment(comment: Comment, *, actor, values: dict, reason: str = "", now) -> bool:
    """A moderator's edit; the audit trail keeps the words before and after."""
    with transaction.atomic():
        thread = _locked_thread(comment.page_id)
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
        _record(comment, Action.EDITED, actor, reason=reason, changes=changes, now=now)
        _refresh(thread, now=now)
    return True


def report_comment(
    comment: Comment,
    *,
    reason: str,
    details: str,
    reporter,
    reporter_hash: str,
    threshold: int,
    now,
) -> CommentReport | None:
    """A reader's report; enough of them hide the comment until a moderator has looked.

    One reader counts once (moderation.same_reporter): a report that repeats an
    open one, by account or by `reporter_hash` (privacy.reporter_hash), is not
    stored (None is returned), so one person cannot hide a comment.
    """
    reporter = reporter if reporter is not None and reporter.is_authenticated else None
    new = Reporter(account_id=reporter.pk if reporter else None, address_hash=reporter_hash)
    with transaction.atomic():
        thread = _locked_thread(comment.page_id)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        # Under the comment's row lock: two reports at once cannot both count.
        earlier = CommentReport.objects.filter(comment=comment, resolved_at__isnull=True)
        if any(
            same_reporter(new, Reporter(account_id, address_hash))
            for account_id, address_hash in earlier.values_list("reporter_id", "reporter_ip_hash")
        ):
            return None
        report = CommentReport.objects.create(
            comment=comment,
            reason=reason,
            details=details.strip(),
            reporter=reporter,
            reporter_ip_hash=reporter_hash,
            created_at=now,
        )
        comment.open_reports += 1
        fields = ["open_reports"]
        _record(comment, Action.REPORTED, None, actor_label="läsare", reason=reason, now=now)
        if not comment.hidden_for_review and hidden_by_reports(comment.open_reports, threshold):
            comment.hidden_for_review = True
            fields.append("hidden_for_review")
            _record(
                comment,
                Action.HIDDEN,
                None,
                actor_label="systemet",
                changes={"hidden_for_review": [False, True]},
                now=now,
            )
        comment.save(update_fields=fields)
        if "hidden_for_review" in fields:
            _refresh(thread, now=now)
    return report


def ban(
    kind: str, value: str, *, actor, reason: str = "", comment: Comment | None = None, now
) -> Ban:
    if kind == Ban.Kind.EMAIL:
        value = normalise_email(value)
    with transaction.atomic():
        ban_row, _created = Ban.objects.get_or_create(
            kind=kind,
            value=value,
            defaults={"reason": reason, "created_by": actor, "created_at": now},
        )
        if comment is not None:
            _record(
                comment,
                Action.BANNED,
                actor,
                reason=reason,
                changes={"ban": [None, ban_row.get_kind_display()]},
                now=now,
            )
    return ban_row


# --- Reply notifications -----------------------------------------------------------


def set_reply_notifications(
    email: str, *, confirmed: bool | None = None, wanted: bool | None = None
):
    """Confirm an address (all its opted-in comments) or switch notifications off for it."""
    comments = Comment.objects.filter(author_email=normalise_email(email))
    if confirmed is not None:
        comments.filter(notify_replies=True).update(notify_confirmed=confirmed)
    if wanted is not None:
        comments.update(notify_replies=wanted)


# --- Privacy -----------------------------------------------------------------------


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


def _comments_of(user):
    """The reader's comments: written while logged in, or under an address the
    account has confirmed (never one merely added: it may be a stranger's)."""
    match = Q(user=user) | addresses.matching_any(
        "author_email", addresses.confirmed_addresses(user)
    )
    return Comment.objects.filter(match)


def export_for_user(user) -> list[dict]:
    comments = _comments_of(user).select_related("page").order_by("created_at")
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


def erase_for_user(user) -> int:
    """Erase a reader's comments with their account.

    The comments are deleted. Replies by others keep their place: their thread
    paths still name the erased comment, and the thread shows a "removed"
    placeholder there. Audit events keep what was done, not the words.
    """
    now = timezone.now()
    with transaction.atomic():
        comments = list(_comments_of(user).only("pk", "page_id"))
        if not comments:
            return 0
        ids = [c.pk for c in comments]
        threads = {page_id: _locked_thread(page_id) for page_id in {c.page_id for c in comments}}
        ModerationEvent.objects.filter(comment_id__in=ids).update(changes={}, actor_label="")
        CommentReport.objects.filter(reporter=user).update(reporter=None)
        Comment.objects.filter(pk__in=ids).delete()
        for thread in threads.values():
            _refresh(thread, now=now)
    return len(ids)
