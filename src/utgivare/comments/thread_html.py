"""The public thread under a piece: one query, built into HTML in one pass, cached.

A thread of thousands of comments must render in milliseconds, which Django's
template engine cannot do one include per comment. So the thread is built
here, in plain Python, with every value that comes from a commenter passed
through `escape()`; the comment text itself is `text_html`, which was
escaped, linked and nh3-sanitised when it was stored (comment_text.render).

The result holds nothing personal to the reader, so it is cached per thread
version (bumped in the same transaction as every change), language and open
state.

A long thread is shown in pages of about PAGE_COMMENTS comments, each page
whole top-level conversations (a reply is always on the page of the comment it
answers, so its links stay on the page): a 5,000-comment thread is otherwise
megabytes on every article view. `?kommentarer=N` picks the page; the
permalink view and `page_of` find a comment's page.
"""

import datetime as dt
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from utgivare.core import compiled_queries

from .comment_text import safe_website
from .models import Comment
from .threading import SEGMENT_WIDTH, path_ids

CACHE_SECONDS = 24 * 3600
# Comments per page of a long thread (a page ends after the top-level conversation
# that reaches it). About 1 KB of HTML each.
PAGE_COMMENTS = 200
PAGE_PARAMETER = "kommentarer"
LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)
# Marks the end of each comment's own content, where a no-JavaScript reply form is inserted.
REPLY_SLOT = "<!--svara:{id}-->"


@dataclass(slots=True)
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
    depth = len(path) // SEGMENT_WIDTH
    return Entry(
        comment_id,
        depth,
        int(path[-2 * SEGMENT_WIDTH : -SEGMENT_WIDTH]) if depth > 1 else None,
        in_reply_to_id,
        name,
        website,
        user_id,
        text_html,
        created,
        edited is not None,
    )


def _rows(page_id):
    """The thread's rows as plain tuples, in one query.

    The ORM builds the query; the rows are read with a plain cursor because
    Django's per-value converters (two datetimes a row on SQLite) cost more
    than the rest of the thread. Times come back aware (PostgreSQL), or as
    naive UTC datetimes or ISO strings (SQLite, depending on the driver's own
    converters); they are made aware UTC here.
    """
    # The statement compiled once per process (core.compiled_queries).
    sql, params, alias = compiled_queries.statement(
        ("comment-thread-rows",), _public_rows, page_id=page_id
    )
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return rows
    sample, utc = rows[0][7], dt.UTC
    if isinstance(sample, str):
        parse = dt.datetime.fromisoformat
        return [(*row[:7], parse(row[7]).replace(tzinfo=utc), row[8]) for row in rows]
    if sample.tzinfo is None:
        return [(*row[:7], row[7].replace(tzinfo=utc), row[8]) for row in rows]
    return rows


def _public_rows(page_id):
    return (
        Comment.objects.public()
        .filter(page_id=page_id)
        .order_by("thread_path")
        .values_list(*FIELDS)
    )


def load_entries(page_id) -> list[Entry]:
    """Public comments in reading order, with placeholders where a shown reply's
    ancestor is not shown (rejected, hidden, erased), so replies keep their place."""
    rows = _rows(page_id)
    entries = []
    emitted = set()
    for row in rows:
        entry = _entry(row)
        if entry.depth > 1 and entry.parent_id not in emitted:
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
        ids[-1], depth, ids[-2] if len(ids) > 1 else None, None, "", "", None, "", None, False, True
    )


class Labels:
    """Translated strings, looked up once per render rather than once per comment."""

    def __init__(self):
        self.reply = escape(gettext("Svara"))
        self.report = escape(gettext("Anmäl"))
        self.removed = escape(gettext("Kommentaren har tagits bort."))
        self.reply_to = escape(gettext("Svar till %(name)s"))
        self.removed_name = escape(gettext("en borttagen kommentar"))
        self.edited = escape(gettext("redigerad"))
        self.badges = {
            "author": escape(gettext("Skribent")),
            "publisher": escape(gettext("Ansvarig utgivare")),
        }
        # reverse() once, not once per comment.
        self.report_url = escape(reverse("comments:report", args=[987654321])).replace(
            "987654321", "{id}"
        )
        self.anonymous = escape(gettext("Anonym"))
        # Django's own month names: "november" in Swedish, "November" in English.
        self.months = [str(MONTHS[number]) for number in range(1, 13)]
        self.date_format = gettext("%(day)s %(month)s %(year)s kl. %(hour)s.%(minute)s")
        self.offsets = {}


def _when(created: dt.datetime, labels: Labels, offsets: dict) -> tuple[str, str]:
    """('2026-11-12T20:14+01:00', '12 november 2026 kl. 20.14') in Stockholm time.

    The UTC offset changes twice a year, so it is looked up once per hour of
    the thread, not once per comment (zoneinfo is the slow part).
    """
    hour = int(created.timestamp()) // 3600
    offset = offsets.get(hour)
    if offset is None:
        utc_offset = created.astimezone(LOCAL_TZ).utcoffset()
        minutes = int(utc_offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        offset = offsets[hour] = (
            utc_offset,
            f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}",
        )
    local = created.replace(tzinfo=None) + offset[0] - (created.utcoffset() or dt.timedelta())
    hh, mm = f"{local.hour:02d}", f"{local.minute:02d}"
    iso = f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{hh}:{mm}{offset[1]}"
    text = labels.date_format % {
        "day": local.day,
        "month": labels.months[local.month - 1],
        "year": local.year,
        "hour": hh,
        "minute": mm,
    }
    return iso, text


def render_entry(entry: Entry, *, names, staff, is_open: bool, labels: Labels) -> str:
    """One comment's <li> opening and content (its replies and </li> are added by the caller).

    Every value from a commenter goes through `escape` (html.escape, quotes
    included); `text_html` was sanitised when stored. Links are relative
    (`#kommentar-1`, `?svara=1`) so the cached thread fits any URL of the page.
    """
    cid = entry.id
    if entry.removed:
        return (
            f'<li class="comment comment--removed" id="kommentar-{cid}"><div class="comment__body">'
            f'<p class="comment__removed">{labels.removed}</p></div>'
        )
    name = escape(entry.name) if entry.name else labels.anonymous
    if entry.website:
        website = safe_website(entry.website)
        if website:
            name = f'<a href="{escape(website)}" rel="nofollow ugc noopener">{name}</a>'
    badges = ""
    if entry.user_id:
        badges = "".join(
            f' <span class="badge comment__badge">{labels.badges[code]}</span>'
            for code in staff.badges(entry.user_id)
        )
    iso, when = _when(entry.created_at, labels, labels.offsets)
    edited = f' <span class="comment__edited">({labels.edited})</span>' if entry.edited else ""
    reply_to = ""
    answered_id = entry.in_reply_to_id
    if answered_id and answered_id != entry.parent_id:
        answered = names.get(answered_id)
        whom = (
            f'<a href="#kommentar-{answered_id}">{escape(answered)}</a>'
            if answered is not None
            else labels.removed_name
        )
        reply_to = f'<p class="comment__reply-to">{labels.reply_to.replace("%(name)s", whom)}</p>'
    reply = (
        f'<a class="comment__reply" href="?svara={cid}#svara-{cid}" data-reply-to="{cid}" '
        f'aria-describedby="k{cid}n">{labels.reply}</a> '
        if is_open
        else ""
    )
    report_url = labels.report_url.replace("{id}", str(cid))
    return (
        f'<li class="comment" id="kommentar-{cid}"><article class="comment__body">'
        f'<header class="comment__meta"><span class="comment__author" id="k{cid}n">{name}</span>'
        f'{badges} <a class="comment__permalink" href="#kommentar-{cid}">'
        f'<time datetime="{iso}">{when}</time></a>{edited}</header>{reply_to}'
        f'<div class="comment__text">{entry.text_html}</div>'
        f'<p class="comment__actions">{reply}<a class="comment__report" href="{report_url}" '
        f'rel="nofollow" aria-describedby="k{cid}n">{labels.report}</a></p>'
        f"{REPLY_SLOT.format(id=cid)}</article>"
    )


def build_thread_html(entries, *, staff, is_open: bool) -> str:
    labels = Labels()
    # Replies answer comments of their own conversation, so of their own page.
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
        out.append(render_entry(entry, names=names, staff=staff, is_open=is_open, labels=labels))
    if depth:
        out.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>")
    return "".join(out)


def split_pages(entries, per_page: int | None = None) -> list[list[Entry]]:
    """Reading order cut into pages between top-level conversations, about `per_page` each."""
    per_page = per_page or PAGE_COMMENTS
    pages: list[list[Entry]] = [[]]
    for entry in entries:
        if entry.depth == 1 and len(pages[-1]) >= per_page:
            pages.append([])
        pages[-1].append(entry)
    return pages


def page_index(entries) -> dict[int, int]:
    """{top-level comment id: its page number (1-based)} for a thread's entries."""
    index = {}
    for number, page in enumerate(split_pages(entries), start=1):
        for entry in page:
            if entry.depth == 1:
                index[entry.id] = number
    return index


def _pages_nav(current: int, count: int) -> str:
    """Links to the thread's other pages: relative, so they fit any URL of the piece."""
    if count <= 1:
        return ""
    label = escape(gettext("Kommentarernas sidor"))
    text = escape(gettext("Sida %(page)s av %(count)s") % {"page": current, "count": count})
    links = []
    if current > 1:
        links.append(
            f'<a href="?{PAGE_PARAMETER}={current - 1}#kommentarer" rel="prev">'
            f"{escape(gettext('Tidigare kommentarer'))}</a>"
        )
    if current < count:
        links.append(
            f'<a href="?{PAGE_PARAMETER}={current + 1}#kommentarer" rel="next">'
            f"{escape(gettext('Fler kommentarer'))}</a>"
        )
    # comments.js asks the permalink for a linked comment that is on another page.
    permalink = escape(reverse("comments:permalink", args=[987654321]).replace("987654321", "0"))
    return (
        f'<nav class="comments__pages" aria-label="{label}" data-comment-pages '
        f'data-permalink="{permalink}">'
        f"<p>{text} {' '.join(links)}</p></nav>"
    )


def thread_html(*, page_id, version, staff, is_open: bool, page: int = 1) -> str:
    """Page `page` of the thread (the last one if there are fewer), with links to the others."""
    base = ":".join(
        map(str, ("comments:thread:v3", page_id, version, get_language(), is_open, staff.cache_key))
    )
    count = cache.get(f"{base}:pages")
    html = None
    if count is not None:
        html = cache.get(f"{base}:{min(max(page, 1), count)}")
    if html is None:
        # Every page at once: one query, and the pages agree on where they cut.
        pages = split_pages(load_entries(page_id))
        count = len(pages)
        built = {
            f"{base}:{number}": build_thread_html(entries, staff=staff, is_open=is_open)
            + _pages_nav(number, count)
            for number, entries in enumerate(pages, start=1)
        }
        built[f"{base}:pages"] = count
        cache.set_many(built, CACHE_SECONDS)
        html = built[f"{base}:{min(max(page, 1), count)}"]
    return html


def page_of(*, page_id, version, comment_path: str) -> int:
    """The page of the thread that shows the comment at `comment_path`."""
    key = f"comments:thread-index:v1:{page_id}:{version}"
    index = cache.get(key)
    if index is None:
        index = page_index(load_entries(page_id))
        cache.set(key, index, CACHE_SECONDS)
    top_id = path_ids(comment_path)[0] if comment_path else None
    return index.get(top_id, 1)


def single_comment_html(comment: Comment, *, staff, is_open: bool) -> SafeString:
    """One new comment as a closed <li>, for the JavaScript that inserts it without a reload."""
    entry = _entry(_row(comment))
    names = {}
    if comment.in_reply_to_id:
        names = dict(
            Comment.objects.filter(pk=comment.in_reply_to_id).values_list("pk", "author_name")
        )
    html = render_entry(entry, names=names, staff=staff, is_open=is_open, labels=Labels())
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
