"""The comments section under a piece, for one request: the count, the cached
thread (thread_html), the reader's own held comments and the form.

The thread is the same for every reader and cached; what is built here per
request is what may differ between readers (the form, held comments, a reply
form inside the thread)."""

import functools
import secrets
from functools import partial
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from utgivare.core import content_version, shell_parts
from utgivare.core.caching import mark_personal
from utgivare.core.text_input import positive_id

from . import middleware, thread_html
from .forms import CommentForm, form_token
from .models import Comment
from .moderation import Status

SESSION_PENDING_KEY = "comments_pending"


def initial_for(user) -> dict:
    """Logged-in readers get their name and e-mail filled in."""
    if not user.is_authenticated:
        return {}
    name = user.get_full_name()
    author_page = getattr(user, "author_page", None)
    if author_page is not None:
        name = author_page.title
    return {"name": name, "email": user.email}


def reply_target(request, state, form):
    """(id, name) of the comment the form answers: from a failed post or ?svara=<id>."""
    raw = None
    if form is not None and form.is_bound:
        raw = form.data.get("in_reply_to")
    elif "svara" in request.GET:
        raw = request.GET.get("svara")
    comment_id = positive_id(raw)
    if comment_id is None:
        return None
    return (
        Comment.objects.public()
        .filter(pk=comment_id, page_id=state.piece.pk)
        .values_list("pk", "author_name", "thread_path")
        .first()
    )


def thread_page(request, state, reply_to) -> int:
    """Which page of a long thread to show: the answered comment's, else ?kommentarer=N."""
    if reply_to is not None:
        return thread_html.page_of(
            page_id=state.piece.pk,
            version=thread_version(state.thread),
            comment_path=reply_to[2],
            shown=state.thread.approved_count,
        )
    return positive_id(request.GET.get(thread_html.PAGE_PARAMETER)) or 1


def own_pending(request, piece):
    """Comments this browser wrote that wait for review: shown to their writer only."""
    session = getattr(request, "session", None)
    # No session cookie, no held comments: and not touching the session keeps
    # an anonymous reader's page free of "Vary: Cookie".
    if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    if SESSION_PENDING_KEY not in session:
        return []
    ids = [i for i in session.get(SESSION_PENDING_KEY, []) if isinstance(i, int)]
    if not ids:
        return []
    pending = list(
        Comment.objects.filter(pk__in=ids, page_id=piece.pk, status=Status.PENDING).order_by(
            "created_at"
        )
    )
    if pending:
        # Shown to this browser only: the page must not reach a shared cache.
        mark_personal(request, "own_pending_comments")
    return pending


def remember_pending(request, comment) -> None:
    ids = list(request.session.get(SESSION_PENDING_KEY, []))
    ids.append(comment.pk)
    request.session[SESSION_PENDING_KEY] = ids[-20:]


def form_html(request, state, form=None, reply_to=None) -> str:
    if form is None and reply_to is None and not request.user.is_authenticated:
        # The empty form for anonymous readers is the same for all of them: rendered
        # once per page, language, open state and content version (site settings).
        # It holds no timing token: the whole page may be cached (core.page_cache,
        # the proxy), so comments.js asks `form_started` for one when the reader
        # first touches the form; without a script the first send is refused with
        # the text kept and a token, and the second goes through.
        key = (
            f"comment-form:{state.piece.pk}:{get_language()}:{state.closed}:"
            f"{state.permission.allowed}:{state.permission.reason}:{state.page_url}"
        )
        return content_version.cached(request, key, lambda: _anonymous_form(request, state))
    if form is None and reply_to is None and shell_parts.drawing(request):
        # A logged-in reader's empty form in a page drawn once for many readers
        # (core.shell_parts): their name, address and tokens are slots, filled
        # per request by the functions registered in apps.py.
        slot = partial(shell_parts.slot, request)
        initial = {"name": slot("commentername"), "email": slot("commenteremail")}
        return _render_form(
            request,
            state,
            CommentForm(initial=initial),
            None,
            slot("commentstarted"),
            csrf_token=slot("csrf"),
        )
    return _render_form(request, state, form, reply_to, form_token())


def commenter_name(request) -> str:
    """Slot value: the logged-in reader's name as the form fills it in (initial_for).

    Whether the reader has an author page, and its title, is kept per content
    version (an author page's save moves it), so a reader's page asks no query for it.
    """
    user = request.user

    def author_title():
        author_page = getattr(user, "author_page", None)
        return author_page.title if author_page is not None else ""

    title = content_version.cached(request, f"comments:author-title:{user.pk}", author_title)
    return escape(title or user.get_full_name())


def commenter_email(request) -> str:
    # As initial_for fills it in.
    return escape(request.user.email)


def started(request) -> str:
    return escape(form_token())


def _anonymous_form(request, state) -> str:
    """The empty form an anonymous reader may fill in, as `_render_form` draws it.

    Drawn cold, the form was a tenth of an article's CPU time, yet it differs from page
    to page only in the page's id (where it is sent) and address (the link that cancels
    a reply). So it is drawn once per process for each set of what else it reads (the
    language, the address prefix, the sentences of the privacy notice, which follow the
    settings), with markers for those two, and each page puts its own in. Nothing of any
    page is kept.
    `tests/comments/test_comment_form_skeleton.py` checks it is the form drawn in full.
    """
    if not state.permission.allowed:
        return _render_form(request, state, None, None, "")
    skeleton = _anonymous_form_skeleton(
        get_language(),
        get_script_prefix(),
        state.closed,
        state.permission.reason,
        tuple(state.notice),
    )
    return skeleton.replace(str(_PAGE_ID_MARKER), str(int(state.piece.pk))).replace(
        _PAGE_URL_MARKER, escape(state.page_url)
    )


# A page id no page has (the URL converter takes it) and an address of word characters
# only, which escaping leaves as it is.
_PAGE_ID_MARKER = 987_654_321_987_654_321
_PAGE_URL_MARKER = "__commentformpageaddress__"


@functools.lru_cache(maxsize=64)
def _anonymous_form_skeleton(language, script_prefix, closed, reason, notice):
    # language and script_prefix are active already: they are in the key, not used here.
    state = SimpleNamespace(
        piece=SimpleNamespace(pk=_PAGE_ID_MARKER),
        page_url=_PAGE_URL_MARKER,
        closed=closed,
        permission=SimpleNamespace(allowed=True, reason=reason),
        notice=list(notice),
    )
    skeleton = _render_form(None, state, CommentForm(), None, "")
    if skeleton.count(str(_PAGE_ID_MARKER)) != 1 or _PAGE_URL_MARKER not in skeleton:
        raise ValueError("comments/form.html: the page's id or address moved out of reach")
    return skeleton


def _render_form(request, state, form, reply_to, started_token, csrf_token=None) -> str:
    if form is None:
        form = CommentForm(initial=initial_for(request.user))
    context = {
        "state": state,
        "piece": state.piece,
        "form": form,
        "started_token": started_token,
        "reply_to": reply_to,
        "request": request,
    }
    if csrf_token is not None:
        context["csrf_token"] = csrf_token
    return render_to_string("comments/form.html", context, request=request)


def thread_version(thread) -> str:
    """Changes with every change to the thread. The time of the last comment
    guards against a restored database bringing back a version number."""
    last = thread.last_comment_at
    return f"{thread.version}.{int(last.timestamp()) if last else 0}"


def section_html(request, state, form=None) -> str:
    reply_to = reply_target(request, state, form) if state.permission.allowed else None
    thread = thread_html.thread_html(
        page_id=state.piece.pk,
        version=thread_version(state.thread),
        staff=state.staff,
        is_open=state.is_open,
        page=thread_page(request, state, reply_to),
        shown=state.thread.approved_count,
    )
    if reply_to is not None:
        inline_form = form_html(request, state, form, reply_to)
        thread = thread.replace(
            thread_html.REPLY_SLOT.format(id=reply_to[0]),
            f'<div class="comment__reply-slot">{inline_form}</div>',
            1,
        )
    if thread and middleware.PATH in settings.MIDDLEWARE:
        # A marker the middleware swaps for the thread in the finished page
        # (see middleware.py); the nonce means no text in the page can fake it.
        marker = f"<!--comments-thread:{secrets.token_hex(8)}-->"
        splices = getattr(request, middleware.REQUEST_ATTRIBUTE, None) or {}
        splices[marker] = thread
        setattr(request, middleware.REQUEST_ATTRIBUTE, splices)
        thread = marker
    return render_to_string(
        "comments/section.html",
        {
            "state": state,
            "piece": state.piece,
            "count_text": thread_html.count_text(state.thread.approved_count),
            # mark_safe: built by thread_html.build_thread_html (every commenter value
            # escaped, texts nh3-sanitised) plus our own form template; or the marker.
            "thread_html": mark_safe(thread),  # noqa: S308
            "form_html": "" if reply_to is not None else mark_safe(form_html(request, state, form)),  # noqa: S308
            "replying_inline": reply_to is not None,
            "own_pending": own_pending(request, state.piece),
        },
        request=request,
    )
