"""E-mail about comments, run as django-tasks (in-process in the demo, a worker in production).

Every task takes ids, re-reads the database and checks again whether the
mail should go out, so a task that runs late or twice does no harm.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Site

from utgivare.publication.models import AuthorPage

from . import tokens
from .models import Comment, CommentSettings
from .moderation import Status

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _page_url(page) -> str:
    return page.get_full_url() or _absolute(page.url or "/")


def _settings_for(page) -> CommentSettings:
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site)


def moderator_addresses() -> set[str]:
    perm = Permission.objects.filter(
        codename="moderate_comment", content_type__app_label="comments"
    ).first()
    match = Q(is_superuser=True)
    if perm is not None:
        match |= Q(user_permissions=perm) | Q(groups__permissions=perm)
    users = get_user_model().objects.filter(match, is_active=True).exclude(email="").distinct()
    return {user.email.lower() for user in users}


def _author_address(page) -> str:
    author_id = getattr(page, "author_id", None)
    if not author_id:
        return ""
    author = AuthorPage.objects.filter(pk=author_id).select_related("user").first()
    if author is None:
        return ""
    if author.user_id and author.user.email:
        return author.user.email.lower()
    return (author.public_email or "").lower()


def _send(subject, template, context, recipients):
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(recipients))


@task()
def notify_new_comment(comment_id: int) -> int:
    """The piece's author and the moderators hear of every new comment."""
    comment = Comment.objects.filter(pk=comment_id).select_related("page").first()
    if comment is None:
        return 0
    page = comment.page.specific
    recipients = set()
    author_address = _author_address(page)
    if author_address:
        recipients.add(author_address)
    if _settings_for(page).notify_moderators:
        recipients |= moderator_addresses()
    recipients.discard(comment.author_email)
    if not recipients:
        return 0
    held = comment.status == Status.PENDING
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            translation.gettext("Kommentar att granska: %(title)s")
            if held
            else translation.gettext("Ny kommentar: %(title)s")
        ) % {"title": page.title}
    _send(
        subject,
        "comments/email/new_comment.txt",
        {
            "comment": comment,
            "page": page,
            "held": held,
            "page_url": _page_url(page),
            "queue_url": _absolute(reverse("comments_admin:queue")),
        },
        recipients,
    )
    return len(recipients)


@task()
def confirm_reply_notifications(comment_id: int) -> bool:
    """Ask a commenter to confirm the address before we e-mail replies to it."""
    comment = Comment.objects.filter(pk=comment_id).select_related("page").first()
    if comment is None or not comment.notify_replies or comment.notify_confirmed:
        return False
    token = tokens.make(comment.author_email, "confirm")
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Bekräfta e-post om svar på din kommentar")
    _send(
        subject,
        "comments/email/confirm.txt",
        {
            "comment": comment,
            "page": comment.page,
            "confirm_url": _absolute(reverse("comments:confirm", args=[token])),
        },
        {comment.author_email},
    )
    return True


@task()
def notify_reply(reply_id: int) -> bool:
    """Tell a commenter that someone answered them, once, if they asked and confirmed."""
    reply = (
        Comment.objects.public().filter(pk=reply_id).select_related("in_reply_to", "page").first()
    )
    if reply is None or reply.in_reply_to is None:
        return False
    answered = reply.in_reply_to
    if not (answered.notify_replies and answered.notify_confirmed and answered.author_email):
        return False
    if answered.author_email == reply.author_email:
        return False
    # Claim the notification first: a second run of this task finds it taken.
    claimed = Comment.objects.filter(pk=reply.pk, reply_notified_at__isnull=True).update(
        reply_notified_at=timezone.now()
    )
    if not claimed:
        return False
    page = reply.page.specific
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("%(name)s svarade på din kommentar") % {
            "name": reply.author_name
        }
    _send(
        subject,
        "comments/email/reply.txt",
        {
            "reply": reply,
            "answered": answered,
            "page": page,
            "reply_url": f"{_page_url(page)}#kommentar-{reply.pk}",
            "unsubscribe_url": _absolute(
                reverse("comments:unsubscribe", args=[tokens.make(answered.author_email, "stop")])
            ),
        },
        {answered.author_email},
    )
    return True
