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
megabytes on every article view. The database says which page each
conversation is on, and only the asked-for page is read and built, so drawing a
page costs the same for a thread of 300 comments as of 30,000.
`?kommentarer=N` picks the page; the permalink view and `page_of` find a
comment's page.
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
# Comments per page of a long thread (whole conversations: see `pages_of`). About 1 KB
# of HTML each.
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


def _aware_times(rows):
    """Rows with their creation times aware UTC. Times come back aware (PostgreSQL), or
    as naive UTC datetimes or ISO strings (SQLite, depending on the driver's own
    converters); Django's per-value converters (two datetimes a row on SQLite) cost
    more than the rest of the thread, so the rows are read with a plain cursor. The
    statements are compiled once per process (core.compiled_queries)."""
    if not rows:
        return rows
    sample, utc = rows[0][7], dt.UTC
    if isinstance(sample, str):
        parse = dt.datetime.fromisoformat
        return [(*row[:7], parse(row[7]).replace(tzinfo=utc), *row[8:]) for row in rows]
    if sample.tzinfo is None:
        return [(*row[:7], row[7].replace(tzinfo=utc), *row[8:]) for row in rows]
    return rows


def _public(page_id):
    return Comment.objects.public().filter(page_id=page_id).order_by()


# Which page each conversation is on, in the database: a thread of thousands of
# comments then costs the drawing of one page, not of all of them. A conversation
# (a top-level comment and its replies: the paths' first segment) goes on the page of
# the position in the thread where it starts, PAGE_COMMENTS positions a page; pages
# with no conversation starting on them (inside a very long one) are skipped in the
# numbering. `pages_of` is the same rule in Python, which the tests hold it to.
_CONVERSATIONS = """
WITH conversations AS (
    SELECT SUBSTR(thread_path, 1, {width}) AS conversation, COUNT(*) AS size
    FROM ({paths}) AS public_paths GROUP BY 1
), started AS (
    SELECT conversation, CAST(
        SUM(size) OVER (ORDER BY conversation ROWS UNBOUNDED PRECEDING) - size AS INTEGER
    ) / %s AS slot
    FROM conversations
), pages AS (
    SELECT MIN(conversation) AS first, MAX(conversation) AS last,
        ROW_NUMBER() OVER (ORDER BY slot) AS number, COUNT(*) OVER () AS total
    FROM started GROUP BY slot
)"""

# Page `n` (the last one when there are fewer), with the number of pages on every row.
_PAGE_ROWS = """
SELECT public_rows.*, pages.number, pages.total FROM ({rows}) AS public_rows, pages
WHERE pages.number = CASE WHEN %s > pages.total THEN pages.total ELSE %s END
    AND public_rows.thread_path >= pages.first
    AND SUBSTR(public_rows.thread_path, 1, {width}) <= pages.last
ORDER BY public_rows.thread_path"""

_PAGE_OF = """
SELECT number FROM pages WHERE %s BETWEEN first AND last"""


def _numbered_pages(page_id):
    """(sql, params, alias): the beginning of a statement that numbers the pages of the
    thread under `page_id` (`pages`: first and last conversation, number, total)."""
    sql, params, alias = compiled_queries.statement(
        ("comment-thread-paths",),
        lambda page_id: _public(page_id).values_list("thread_path"),
        page_id=page_id,
    )
    return _CONVERSATIONS.format(paths=sql, width=SEGMENT_WIDTH), [*params, PAGE_COMMENTS], alias


def load_page(page_id, number: int, *, shown: int | None = None) -> tuple[int, int, list[Entry]]:
    """(page number, number of pages, entries) of page `number` of the thread (the last
    one when there are fewer), in one query; an empty thread is one empty page.

    `shown`, when known, is how many comments readers see (the thread's count): a
    thread that fits on one page, as most do, is then read whole without numbering
    its pages, which costs the database more than reading a few dozen rows."""
    if _fits_one_page(shown):
        sql, params, alias = compiled_queries.statement(
            ("comment-thread-rows",),
            lambda page_id: _public(page_id).order_by("thread_path").values_list(*FIELDS),
            page_id=page_id,
        )
        return 1, 1, _entries(_aware_times(_fetch(alias, sql, params)))
    number = max(number, 1)
    pages_sql, pages_params, alias = _numbered_pages(page_id)
    rows_sql, rows_params, _alias = compiled_queries.statement(
        ("comment-thread-page-rows",),
        lambda page_id: _public(page_id).values_list(*FIELDS),
        page_id=page_id,
    )
    sql = pages_sql + _PAGE_ROWS.format(rows=rows_sql, width=SEGMENT_WIDTH)
    rows = _aware_times(_fetch(alias, sql, [*pages_params, *rows_params, number, number]))
    if not rows:
        return 1, 1, []
    return rows[0][-2], rows[0][-1], _entries(row[:-2] for row in rows)


def _fetch(alias, sql, params) -> list[tuple]:
    """The rows of a statement of this module, read with a plain cursor (`_aware_times`)."""
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fits_one_page(shown: int | None) -> bool:
    """Whether a thread of `shown` comments readers see (None: not known) is one page."""
    return shown is not None and shown <= PAGE_COMMENTS


def conversation_page(page_id, comment_path: str) -> int:
    """The page of the thread that shows the conversation of the comment at `comment_path`."""
    pages_sql, pages_params, alias = _numbered_pages(page_id)
    # At most one row: pages cover disjoint ranges of conversations.
    found = _fetch(alias, pages_sql + _PAGE_OF, [*pages_params, comment_path[:SEGMENT_WIDTH]])
    return found[0][0] if found else 1


def pages_of(conversation_sizes, per_page: int | None = None) -> list[int]:
    """The page number of each conversation, given their sizes in thread order: the rule
    the statement above applies in the database."""
    per_page = per_page or PAGE_COMMENTS
    numbers, start, last_slot, number = [], 0, None, 0
    for size in conversation_sizes:
        slot = start // per_page
        if slot != last_slot:
            number += 1
            last_slot = slot
        numbers.append(number)
        start += size
    return numbers


def _entries(rows) -> list[Entry]:
    """Entries of rows in reading order, with placeholders where a shown reply's
    ancestor is not shown (rejected, hidden, erased), so replies keep their place. An
    ancestor is in the reply's own conversation, so a page of whole conversations has
    every placeholder it needs."""
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


def thread_html(
    *, page_id, version, staff, is_open: bool, page: int = 1, shown: int | None = None
) -> str:
    """Page `page` of the thread (the last one if there are fewer), with links to the others;
    `shown` as for `load_page`.

    Built alone, on first demand: drawing it costs one page of comments however long
    the thread. Kept per thread version with the number of pages, so a later request
    for a page beyond the end finds the last one without a query."""
    base = ":".join(
        map(str, ("comments:thread:v4", page_id, version, get_language(), is_open, staff.cache_key))
    )
    count = cache.get(f"{base}:pages")
    if count is not None:
        html = cache.get(f"{base}:{min(max(page, 1), count)}")
        if html is not None:
            return html
    number, count, entries = load_page(page_id, page, shown=shown)
    html = build_thread_html(entries, staff=staff, is_open=is_open) + _pages_nav(number, count)
    cache.set_many({f"{base}:pages": count, f"{base}:{number}": html}, CACHE_SECONDS)
    return html


def page_of(*, page_id, version, comment_path: str, shown: int | None = None) -> int:
    """The page of the thread that shows the comment at `comment_path`; `shown` as for
    `load_page`."""
    if _fits_one_page(shown):
        return 1
    conversation = comment_path[:SEGMENT_WIDTH]
    key = f"comments:thread-page-of:v2:{page_id}:{version}:{conversation}"
    number = cache.get(key)
    if number is None:
        number = conversation_page(page_id, comment_path) if conversation else 1
        cache.set(key, number, CACHE_SECONDS)
    return number


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
