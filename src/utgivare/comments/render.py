"""The public thread under a piece: one query, built into HTML in one pass, cached.

A thread of thousands of comments must render in milliseconds, which Django's
template engine cannot do one include per comment. So the thread is built
here, in plain Python, with every value that comes from a commenter passed
through `escape()`; the comment text itself is `text_html`, which was
escaped, linked and nh3-sanitised when it was stored (markup.render).

The result holds nothing personal to the reader, so it is cached per thread
version (bumped in the same transaction as every change), language and open
state.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from .markup import safe_website
from .models import Comment
from .moderation import Status
from .threading import SEGMENT_WIDTH, path_ids

CACHE_SECONDS = 24 * 3600
LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)
# Marks the end of each comment's own content, where a no-JavaScript reply form is inserted.
REPLY_SLOT = "<!--svara:{id}-->"


@dataclass(frozen=True)
class Entry:
    id: int
    depth: int
    parent_id: int | None  # where it nests (derived from the path)
    in_reply_to_id: int | None
    name: str
    website: str
    user_id: int | None
    text_html: str
    created_at: dt.datetime | None
    edited: bool
    removed: bool = False  # a placeholder for a comment that is not shown


FIELDS = (
    "id",
    "thread_path",
    "in_reply_to_id",
    "author_name",
    "author_website",
    "user_id",
    "text_html",
    "created_at",
    "edited_at",
)


def _entry(row) -> Entry:
    comment_id, path, in_reply_to_id, name, website, user_id, text_html, created, edited = row
    ids = path_ids(path)
    return Entry(
        id=comment_id,
        depth=len(ids),
        parent_id=ids[-2] if len(ids) > 1 else None,
        in_reply_to_id=in_reply_to_id,
        name=name,
        website=website,
        user_id=user_id,
        text_html=text_html,
        created_at=created,
        edited=edited is not None,
    )


def public_comments(page_id):
    return Comment.objects.filter(page_id=page_id, status=Status.APPROVED, hidden_for_review=False)


def load_entries(page_id) -> list[Entry]:
    """Public comments in reading order, with placeholders where a shown reply's
    ancestor is not shown (rejected, hidden, erased), so replies keep their place."""
    rows = public_comments(page_id).order_by("thread_path").values_list(*FIELDS)
    entries = []
    emitted = set()
    for row in rows:
        entry = _entry(row)
        path = row[1]
        for level in range(1, entry.depth):
            ancestor_path = path[: level * SEGMENT_WIDTH]
            ancestor_id = int(ancestor_path[-SEGMENT_WIDTH:])
            if ancestor_id not in emitted:
                entries.append(_placeholder(ancestor_path, level))
                emitted.add(ancestor_id)
        entries.append(entry)
        emitted.add(entry.id)
    return entries


def _placeholder(path: str, depth: int) -> Entry:
    ids = path_ids(path)
    return Entry(
        id=ids[-1],
        depth=depth,
        parent_id=ids[-2] if len(ids) > 1 else None,
        in_reply_to_id=None,
        name="",
        website="",
        user_id=None,
        text_html="",
        created_at=None,
        edited=False,
        removed=True,
    )


class Labels:
    """Translated strings, looked up once per render rather than once per comment."""

    def __init__(self):
        self.reply = escape(gettext("Svara"))
        self.report = escape(gettext("Anmäl"))
        self.removed = escape(gettext("Kommentaren har tagits bort."))
        self.reply_to = gettext("Svar till %(name)s")
        self.removed_name = gettext("en borttagen kommentar")
        self.edited = escape(gettext("redigerad"))
        self.badges = {
            "author": escape(gettext("Skribent")),
            "publisher": escape(gettext("Ansvarig utgivare")),
        }
        self.permalink = escape(gettext("Länk till kommentaren"))
        # reverse() once, not once per comment.
        self.report_url = escape(reverse("comments:report", args=[987654321])).replace(
            "987654321", "{id}"
        )
        self.anonymous = escape(gettext("Anonym"))
        self.months = [
            gettext(m)
            for m in (
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            )
        ]
        self.at = gettext("kl.")


def _when(created: dt.datetime, labels: Labels) -> tuple[str, str]:
    local = created.astimezone(LOCAL_TZ)
    text = f"{local.day} {labels.months[local.month - 1]} {local.year} {labels.at} {local:%H.%M}"
    return local.isoformat(timespec="minutes"), text


def render_entry(
    entry: Entry, *, names, staff, page_url: str, is_open: bool, labels: Labels
) -> str:
    """One comment's <li> opening and content (its replies and </li> are added by the caller)."""
    anchor = f"kommentar-{entry.id}"
    if entry.removed:
        return (
            f'<li class="comment comment--removed comment--depth-{entry.depth}" id="{anchor}">'
            f'<div class="comment__body"><p class="comment__removed">{labels.removed}</p></div>'
        )
    name = escape(entry.name) or labels.anonymous
    website = safe_website(entry.website)
    if website:
        name = f'<a href="{escape(website)}" rel="nofollow ugc noopener">{name}</a>'
    badges = "".join(
        f' <span class="badge comment__badge comment__badge--{code}">{labels.badges[code]}</span>'
        for code in staff.badges(entry.user_id)
    )
    iso, when = _when(entry.created_at, labels)
    edited = f' <span class="comment__edited">({labels.edited})</span>' if entry.edited else ""
    reply_to = ""
    if entry.in_reply_to_id and entry.in_reply_to_id != entry.parent_id:
        answered = names.get(entry.in_reply_to_id)
        answered_html = (
            f'<a href="#kommentar-{entry.in_reply_to_id}">{escape(answered)}</a>'
            if answered is not None
            else escape(labels.removed_name)
        )
        reply_to = (
            '<p class="comment__reply-to">'
            + escape(labels.reply_to).replace("%(name)s", answered_html)
            + "</p>"
        )
    page_url = escape(page_url)
    actions = []
    if is_open:
        actions.append(
            f'<a class="comment__reply" href="{page_url}?svara={entry.id}#svara-{entry.id}" '
            f'data-reply-to="{entry.id}" data-reply-name="{escape(entry.name)}" '
            f'aria-describedby="{anchor}-namn">{labels.reply}</a>'
        )
    report_url = labels.report_url.replace("{id}", str(entry.id))
    actions.append(
        f'<a class="comment__report" href="{report_url}" rel="nofollow" '
        f'aria-describedby="{anchor}-namn">{labels.report}</a>'
    )
    return (
        f'<li class="comment comment--depth-{entry.depth}" id="{anchor}">'
        f'<article class="comment__body" aria-labelledby="{anchor}-namn">'
        f'<header class="comment__meta"><span class="comment__author" id="{anchor}-namn">'
        f"{name}</span>{badges} "
        f'<a class="comment__permalink" href="{page_url}#{anchor}" title="{labels.permalink}">'
        f'<time datetime="{iso}">{when}</time></a>{edited}</header>'
        f"{reply_to}"
        f'<div class="comment__text">{entry.text_html}</div>'
        f'<p class="comment__actions">{" ".join(actions)}</p>'
        f"{REPLY_SLOT.format(id=entry.id)}"
        f"</article>"
    )


def build_thread_html(entries, *, staff, page_url: str, is_open: bool) -> str:
    labels = Labels()
    names = {e.id: e.name for e in entries if not e.removed}
    out = []
    depth = 0
    for entry in entries:
        if entry.depth > depth:
            out.append(
                '<ol class="comment-thread">' if depth == 0 else '<ol class="comment-replies">'
            )
        else:
            out.append("</li>")
            out.append("</ol></li>" * (depth - entry.depth))
        depth = entry.depth
        out.append(
            render_entry(
                entry, names=names, staff=staff, page_url=page_url, is_open=is_open, labels=labels
            )
        )
    if depth:
        out.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>")
    return "".join(out)


def thread_html(*, page_id, version, staff, page_url: str, is_open: bool) -> str:
    key = (
        f"comments:thread:v1:{page_id}:{version}:{get_language()}:{int(is_open)}:"
        f"{staff.cache_key}:{page_url}"
    )
    html = cache.get(key)
    if html is None:
        html = build_thread_html(
            load_entries(page_id), staff=staff, page_url=page_url, is_open=is_open
        )
        cache.set(key, html, CACHE_SECONDS)
    return html


def single_comment_html(comment: Comment, *, staff, page_url: str, is_open: bool) -> SafeString:
    """One new comment as a closed <li>, for the JavaScript that inserts it without a reload."""
    entry = _entry(_row(comment))
    names = {}
    if comment.in_reply_to_id:
        names = dict(
            Comment.objects.filter(pk=comment.in_reply_to_id).values_list("pk", "author_name")
        )
    html = render_entry(
        entry, names=names, staff=staff, page_url=page_url, is_open=is_open, labels=Labels()
    )
    # mark_safe: built by render_entry, which escapes every commenter-supplied value.
    return mark_safe(html + "</li>")  # noqa: S308


def _row(comment: Comment):
    return (
        comment.pk,
        comment.thread_path,
        comment.in_reply_to_id,
        comment.author_name,
        comment.author_website,
        comment.user_id,
        comment.text_html,
        comment.created_at,
        comment.edited_at,
    )


def count_text(count: int) -> str:
    return ngettext("%(count)s kommentar", "%(count)s kommentarer", count) % {"count": count}
