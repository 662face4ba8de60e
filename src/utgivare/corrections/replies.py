"""Genmäle: a request from someone a piece criticised, handled step by step, every step logged."""

import datetime as dt

from django.core.mail import send_mail
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from .models import ReplyRequest, ReplyRequestEvent

# The longest genmäle the form takes, unless the editors set another (REPLY_MAX_LENGTH).
DEFAULT_MAX_LENGTH = 3000
Status = ReplyRequest.Status

# Which status may follow which: a published or declined request is finished.
NEXT = {
    Status.NEW: {Status.DIALOGUE, Status.ACCEPTED, Status.DECLINED},
    Status.DIALOGUE: {Status.ACCEPTED, Status.DECLINED},
    Status.ACCEPTED: {Status.DIALOGUE, Status.DECLINED},
    Status.PUBLISHED: set(),
    Status.DECLINED: set(),
}


def log(request: ReplyRequest, action: str, actor=None, note: str = "", *, now) -> None:
    ReplyRequestEvent.objects.create(
        request=request,
        at=now,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "",
        action=action,
        note=note,
    )


@transaction.atomic
def receive(page, *, name: str, contact: str, text: str, now) -> ReplyRequest:
    request = ReplyRequest.objects.create(
        page=page, name=name, contact=contact, text=text, created_at=now
    )
    log(request, "received", now=now)
    return request


def age_days(request: ReplyRequest, now) -> int:
    return (now - request.created_at).days


@transaction.atomic
def set_status(request: ReplyRequest, status: str, *, actor, reason: str = "", now) -> bool:
    if status not in NEXT[request.status]:
        return False
    if status == Status.DECLINED and not reason.strip():
        raise ValueError("A declined request keeps its reason.")
    request.status = status
    request.decline_reason = reason if status == Status.DECLINED else request.decline_reason
    request.save(update_fields=["status", "decline_reason"])
    log(request, f"status:{status}", actor, reason, now=now)
    return True


def send_email(request: ReplyRequest, *, subject: str, body: str, actor, from_email, now) -> None:
    send_mail(subject, body, from_email, [request.contact])
    log(request, "email", actor, f"{subject}\n\n{body}", now=now)
    if request.status == Status.NEW:
        set_status(request, Status.DIALOGUE, actor=actor, now=now)


def body_blocks(text: str) -> list[dict]:
    """The genmäle as paragraphs, exactly as the person wrote it (escaped, never markup)."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return [
        {"type": "paragraph", "value": "<p>" + escape(part).replace("\n", "<br>") + "</p>"}
        for part in paragraphs
    ]


@transaction.atomic
def publish(request: ReplyRequest, *, parent, actor, now: dt.datetime):
    """Publish an accepted genmäle as a free article under `parent` (a section)."""
    from utgivare.publication.models import ArticlePage

    if request.status != Status.ACCEPTED or request.page is None:
        raise ValueError("Only an accepted request for an existing piece is published.")
    original = request.page
    reply = ArticlePage(
        title=_("Genmäle: %(title)s") % {"title": original.title},
        lead=_("Genmäle från %(name)s.") % {"name": request.name},
        body=body_blocks(request.text),
        access_level="free",
    )
    parent.add_child(instance=reply)
    reply.save_revision(user=actor).publish(user=actor)
    request.reply_page = reply
    request.status = Status.PUBLISHED
    request.save(update_fields=["reply_page", "status"])
    log(request, "published", actor, reply.url or "", now=now)
    return reply


def published_replies_to(page) -> list[ReplyRequest]:
    """Genmälen published in reply to this piece (shown under it)."""
    return list(
        ReplyRequest.objects.filter(
            page_id=page.pk, status=Status.PUBLISHED, reply_page__live=True
        ).select_related("reply_page")
    )


def original_of(page) -> ReplyRequest | None:
    """When this piece is a published genmäle: the request, with the piece it answers."""
    return (
        ReplyRequest.objects.filter(reply_page_id=page.pk, page__live=True)
        .select_related("page")
        .first()
    )
