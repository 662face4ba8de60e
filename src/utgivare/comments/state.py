"""Everything the page, the form and the posting view need to know about one
thread for one request: gathered once, the decisions made by the rule modules."""

from dataclasses import dataclass
from functools import cached_property

from wagtail.models import Site

from utgivare.core.models import ImprintSettings
from utgivare.subscriptions import entitlements

from . import privacy, threads
from .models import CommentSettings, Thread
from .policy import Commenter, Permission, WhoMayComment, may_comment, thread_is_closed
from .staff import Staff, is_moderator, staff_for


@dataclass
class ThreadState:
    piece: object
    settings: CommentSettings
    thread: Thread
    staff: Staff
    commenter: Commenter
    closed: bool
    permission: Permission
    page_url: str

    @property
    def is_open(self) -> bool:
        return not self.closed

    @cached_property
    def notice(self) -> list[str]:
        return privacy.privacy_notice(
            ip_policy=self.settings.ip_policy,
            retention_days=self.settings.ip_retention_days,
            moderation_mode=self.settings.moderation_mode,
        )


def _commenter(user, comment_settings, now) -> Commenter:
    if not user.is_authenticated:
        return Commenter()
    is_subscriber = False
    if comment_settings.who_may_comment == WhoMayComment.SUBSCRIBERS:
        is_subscriber = entitlements.for_reader(user, now).is_subscriber
    return Commenter(
        is_authenticated=True,
        is_subscriber=is_subscriber,
        is_moderator=is_moderator(user),
    )


def thread_state(request, piece, now) -> ThreadState:
    comment_settings = CommentSettings.for_request(request)
    imprint = ImprintSettings.for_request(request)
    thread = threads.thread_for(piece.pk)
    commenter = _commenter(request.user, comment_settings, now)
    closed = thread_is_closed(
        closing=thread.closing,
        published_at=piece.first_published_at,
        close_after_days=comment_settings.close_after_days,
        now=now,
    )
    site = Site.find_for_request(request)
    return ThreadState(
        piece=piece,
        settings=comment_settings,
        thread=thread,
        staff=staff_for(piece, imprint),
        commenter=commenter,
        closed=closed,
        permission=may_comment(
            who=comment_settings.who_may_comment, commenter=commenter, closed=closed
        ),
        page_url=piece.get_url(request, current_site=site) or piece.url or "/",
    )
