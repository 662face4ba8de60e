"""Who may comment on a piece, and whether its thread is still open.

Plain functions over data: the view gathers the facts (who is asking, the
thread's settings, `now`) and asks; the template states the answer.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class WhoMayComment(models.TextChoices):
    ANYONE = "anyone", _("Alla")
    REGISTERED = "registered", _("Inloggade läsare")
    SUBSCRIBERS = "subscribers", _("Prenumeranter")


class ThreadClosing(models.TextChoices):
    SITE_DEFAULT = "", _("Enligt webbplatsens inställning")
    OPEN = "open", _("Alltid öppen")
    CLOSED = "closed", _("Stängd")


@dataclass(frozen=True)
class Commenter:
    is_authenticated: bool = False
    is_subscriber: bool = False
    # Moderators answer for the thread; they may write in it even when closed.
    is_moderator: bool = False


@dataclass(frozen=True)
class Permission:
    allowed: bool
    # "ok", "closed", "login_required", "subscription_required", "banned"
    reason: str

    def __bool__(self):
        return self.allowed


def thread_is_closed(
    *,
    closing: str,
    published_at: dt.datetime | None,
    close_after_days: int,
    now: dt.datetime,
) -> bool:
    """Closed by the piece's own setting, or by the site's age limit (0 = never)."""
    if closing == ThreadClosing.CLOSED:
        return True
    if closing == ThreadClosing.OPEN:
        return False
    if close_after_days <= 0 or published_at is None:
        return False
    return now >= published_at + dt.timedelta(days=close_after_days)


def may_comment(
    *, who: str, commenter: Commenter, closed: bool, banned: bool = False
) -> Permission:
    if commenter.is_moderator:
        return Permission(True, "ok")
    if banned:
        return Permission(False, "banned")
    if closed:
        return Permission(False, "closed")
    if who == WhoMayComment.REGISTERED and not commenter.is_authenticated:
        return Permission(False, "login_required")
    if who == WhoMayComment.SUBSCRIBERS and not commenter.is_subscriber:
        return Permission(
            False, "login_required" if not commenter.is_authenticated else "subscription_required"
        )
    return Permission(True, "ok")
