"""Readers' reports of a comment: each reader counts once, and enough reports
hide the comment until a moderator has looked (moderating.moderate resolves them)."""

import hashlib

from django.conf import settings as django_settings
from django.db import transaction

from . import threads
from .models import Comment, CommentReport
from .moderating import Action, record
from .moderation import Reporter, hidden_by_reports, same_reporter


def report_key() -> bytes:
    """The key for reporters' address hashes: its own, so they match nothing else."""
    return hashlib.sha256(
        b"utgivare.comments.report-hash:" + django_settings.SECRET_KEY.encode()
    ).digest()


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
        thread = threads.locked(comment.page_id)
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
        record(comment, Action.REPORTED, None, actor_label="läsare", reason=reason, now=now)
        if not comment.hidden_for_review and hidden_by_reports(comment.open_reports, threshold):
            comment.hidden_for_review = True
            fields.append("hidden_for_review")
            record(
                comment,
                Action.HIDDEN,
                None,
                actor_label="systemet",
                changes={"hidden_for_review": [False, True]},
                now=now,
            )
        comment.save(update_fields=fields)
        if "hidden_for_review" in fields:
            threads.refresh(thread, now=now)
    return report
