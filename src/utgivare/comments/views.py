"""Posting, reporting and following comments. Thin: parse, ask the rules, store, answer.

Posting works as a plain form (redirect back to the piece with a message) and
as fetch() with `Accept: application/json` (a JSON answer with the new
comment's HTML, so the page need not reload).
"""

import logging

from django.contrib import messages
from django.db import DatabaseError, InterfaceError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from utgivare.core import ip_hashing
from utgivare.core.text_input import positive_id

from . import comment_section, posting, privacy, reports, thread_html, threads, tokens, visibility
from .forms import CommentForm, ReportForm, form_timing, form_token
from .models import CommentSettings
from .reply_notifications import set_reply_notifications
from .state import thread_state
from .thread_html import count_text, single_comment_html

logger = logging.getLogger(__name__)

ACK_PENDING = gettext_lazy("Tack! Din kommentar granskas.")
ACK_PUBLISHED = gettext_lazy("Tack! Din kommentar är publicerad.")
NOT_STORED = gettext_lazy(
    "Kommentaren kunde inte sparas på grund av ett tekniskt fel hos oss. "
    "Ingenting har publicerats. Din text finns kvar här nedan – "
    "försök igen om en stund."
)
# How each refusal (posting.refusal) is answered; "honeypot" gets no form back.
REFUSAL_STATUS = {
    "too_fast": 400,
    "missing_token": 400,
    "banned": 403,
    "rate_ip": 429,
    "rate_email": 429,
}
# As DatabaseUnavailableMiddleware: when to try again after a database fault.
RETRY_AFTER_SECONDS = "30"


client_ip = ip_hashing.client_ip


def commentable_page(page_id) -> Page:
    page = visibility.public_page_or_404(page_id, timezone.now())
    if not threads.is_commentable(page):
        raise Http404
    return page.specific


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refuse(request, piece, state, form, status):
    """Answer a post we did not store: the form again, with its text and the reason."""
    if _wants_json(request):
        errors = [str(e) for e in form.non_field_errors()] or [
            str(e) for errors in form.errors.values() for e in errors
        ]
        return JsonResponse(
            {
                "ok": False,
                "message": errors[0] if errors else _("Kommentaren kunde inte skickas."),
                "form_html": comment_section.form_html(
                    request, state, form, comment_section.reply_target(request, state, form)
                ),
            },
            status=status,
        )
    request.comment_form = form
    try:
        response = piece.serve(request)
        response.render()
    except DatabaseError:
        # The database failed while we showed the page again: show the form on
        # its own, so the commenter still has the text.
        logger.exception("Could not render the piece again after a failed comment post")
        response = HttpResponse(
            render_to_string(
                "comments/post_failed.html",
                {"form": form, "piece": piece, "page_url": state.page_url},
                request=request,
            )
        )
    response.status_code = status
    response["Cache-Control"] = "no-store"
    if status == 503:
        response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def _not_stored(request, page_id):
    """The database failed before the post could be answered with the page: keep the text anyway.

    Reads nothing from the database (it may be gone): the form comes from the
    post itself, on the standalone page made for this.
    """
    form = CommentForm(request.POST)
    form.is_valid()
    form.add_error(None, NOT_STORED)
    if _wants_json(request):
        # The script keeps the typed text in the page's own form.
        response = JsonResponse({"ok": False, "message": str(NOT_STORED), "form_html": ""})
    else:
        post_url = reverse("comments:post", args=[page_id])
        response = HttpResponse(
            render_to_string(
                "comments/post_failed.html",
                # A GET of the post address leads back to the piece.
                {"form": form, "piece": {"pk": page_id}, "page_url": post_url},
                request=request,
            )
        )
    response.status_code = 503
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def post(request, page_id):
    """Anonymous posts need no CSRF token; a logged-in reader's post must carry one.

    A forged cross-site post could only ever comment as nobody in particular,
    which the forger can do directly; for a logged-in reader it could comment
    in their name, so theirs is checked. Pages for anonymous readers thus set
    no CSRF cookie and stay cacheable.
    """
    try:
        if request.method == "POST" and request.user.is_authenticated:
            return _post_as_reader(request, page_id)
        return _post(request, page_id)
    except (DatabaseError, InterfaceError):
        if request.method != "POST":
            raise
        # Storing has its own answer in _post; this is a fault before it
        # (reading the settings, creating the thread row).
        logger.exception("Database error while taking a comment on page %s", page_id)
        return _not_stored(request, page_id)


def _post(request, page_id):
    piece = commentable_page(page_id)
    if request.method != "POST":
        # The thread's links are relative (?svara=1), so they can land here
        # after a form was shown again at this address.
        answering = positive_id(request.GET.get("svara"))
        if answering:
            return redirect(f"{piece.url}?svara={answering}#svara-{answering}")
        return redirect(f"{piece.url}#kommentarer")
    now = timezone.now()
    state = thread_state(request, piece, now)
    form = CommentForm(request.POST)
    if not state.permission:
        form.is_valid()
        form.add_error(None, _("Du kan inte kommentera här."))
        return _refuse(request, piece, state, form, 403)
    if not form.is_valid():
        return _refuse(request, piece, state, form, 400)
    data = form.cleaned_data
    ip = client_ip(request)
    timing = form_timing(data["started"])
    refused = posting.refusal(
        honeypot=data["homepage"],
        seconds_since_shown=timing.seconds if timing else None,
        from_first_interaction=bool(timing and timing.from_first_interaction),
        email=data["email"],
        ip=ip,
        is_moderator=state.commenter.is_moderator,
        comment_settings=state.settings,
        now=now,
    )
    if refused is not None:
        if refused.reason == "honeypot":
            return HttpResponse(str(refused.message), status=400)
        form.add_error(None, refused.message)
        return _refuse(request, piece, state, form, REFUSAL_STATUS[refused.reason])

    try:
        comment = posting.post_comment(
            posting.NewComment(
                page_id=piece.pk,
                name=data["name"],
                email=data["email"],
                website=data["website"],
                text=data["text"],
                in_reply_to_id=data["in_reply_to"],
                notify_replies=data["notify_replies"],
            ),
            user=request.user,
            ip=ip,
            comment_settings=state.settings,
            staff=state.staff,
            is_moderator=state.commenter.is_moderator,
            now=now,
        )
    except posting.ReplyTargetGone:
        form.add_error(
            None,
            _(
                "Kommentaren du svarar på visas inte längre. Din text finns kvar; "
                "skicka den som en ny kommentar om du vill."
            ),
        )
        return _refuse(request, piece, state, form, 409)
    except DatabaseError:
        logger.exception("Could not store a comment on page %s", piece.pk)
        form.add_error(None, NOT_STORED)
        return _refuse(request, piece, state, form, 503)

    # The transaction has committed: only now do we say thank you.
    try:
        return _acknowledge(request, piece, state, comment)
    except (DatabaseError, InterfaceError):
        # Stored, so the answer must say so, even when the database fails
        # while we dress it up: "not stored" would make the reader send it twice.
        logger.exception("Comment %s stored; answering without the thread", comment.pk)
        return _acknowledge(request, piece, state, comment, plain=True)


def _acknowledge(request, piece, state, comment, *, plain=False):
    """The thanks for a stored comment; `plain` reads nothing from the database."""
    published = comment.is_public
    acknowledgement = ACK_PUBLISHED if published else ACK_PENDING
    if not published and not plain:
        comment_section.remember_pending(request, comment)
    if _wants_json(request):
        if plain:
            # The script then clears the form and announces the message.
            html = {"comment_html": "", "pending_html": "", "count_text": ""}
        else:
            state.thread.approved_count = threads.thread_for(piece.pk).approved_count
            html = {
                "comment_html": single_comment_html(
                    comment, staff=state.staff, is_open=state.is_open
                )
                if published
                else "",
                # A held reply is shown to its writer under the comment it
                # answers, as the thread will show it once approved.
                "pending_html": render_to_string(
                    "comments/pending_comment.html",
                    {"comment": comment, "as_reply": bool(comment.parent_id)},
                    request=request,
                )
                if not published
                else "",
                "count_text": count_text(state.thread.approved_count),
            }
        return JsonResponse(
            {
                "ok": True,
                "status": comment.status,
                "message": str(acknowledgement),
                "comment_id": comment.pk,
                "parent_id": comment.parent_id,
                **html,
            },
            status=201,
        )
    messages.success(request, acknowledgement)
    anchor = comment.anchor if published else "kommentarer"
    return redirect(f"{state.page_url}#{anchor}")


_post_as_reader = csrf_protect(_post)


@require_http_methods(["GET"])
def form_started(request):
    """A fresh timing token, asked for by comments.js when the reader first touches the form.

    The page with the form is the same for every reader and cached whole, so it
    cannot carry a token of its own; the minimum time is measured from here
    (spam.minimum_seconds). Never kept by any cache.
    """
    response = JsonResponse({"started": form_token(first_interaction=True)})
    response["Cache-Control"] = "no-store"
    return response


def permalink(request, comment_id):
    comment = visibility.visible_comment_or_404(comment_id, timezone.now())
    # A long thread is shown in pages: send the reader to the one with the comment.
    thread = threads.thread_for(comment.page_id)
    number = thread_html.page_of(
        page_id=comment.page_id,
        version=comment_section.thread_version(thread),
        comment_path=comment.thread_path,
        shown=thread.approved_count,
    )
    query = f"?{thread_html.PAGE_PARAMETER}={number}" if number > 1 else ""
    return redirect(f"{comment.page.url}{query}#{comment.anchor}")


@require_http_methods(["GET", "POST"])
def report(request, comment_id):
    comment = visibility.visible_comment_or_404(comment_id, timezone.now())
    page_url = comment.page.url
    reported = request.session.get("comments_reported", [])
    # The thank-you is shown on this page, where the reader is looking, with a
    # link back to the comment (a flash message would land above the masthead).
    done = None
    form = ReportForm(request.POST or None)
    if comment.pk in reported:
        done = _("Du har redan anmält den här kommentaren. Tack!")
    elif request.method == "POST" and form.is_valid():
        comment_settings = CommentSettings.for_request(request)
        # Under every IP policy: without it, a reader without cookies would
        # count again with each report (see privacy.reporter_hash).
        reporter_hash = privacy.reporter_hash(client_ip(request), reports.report_key(), comment.pk)
        try:
            reports.report_comment(
                comment,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                reporter=request.user,
                reporter_hash=reporter_hash,
                threshold=comment_settings.report_threshold,
                now=timezone.now(),
            )
        except DatabaseError:
            logger.exception("Could not store a report on comment %s", comment.pk)
            form.add_error(None, _("Anmälan kunde inte sparas just nu. Försök igen om en stund."))
        else:
            request.session["comments_reported"] = [*reported, comment.pk][-200:]
            done = _("Tack! En moderator tittar på kommentaren.")
    return render(
        request,
        "comments/report.html",
        {
            "comment": comment,
            "form": form,
            "page_url": page_url,
            "done": done,
            "privacy_notice": privacy.report_notice(),
        },
        status=400 if not done and form.errors else 200,
    )


def confirm(request, token):
    """The link in the confirmation mail: replies to this address may now be e-mailed."""
    email = tokens.read(token, "confirm")
    if email is None:
        return render(request, "comments/notification_result.html", {"ok": False}, status=400)
    if request.method == "POST":
        set_reply_notifications(email, confirmed=True)
        return render(request, "comments/notification_result.html", {"ok": True, "confirmed": True})
    # A GET only shows a button: mail scanners that follow links confirm nothing.
    return render(request, "comments/notification_confirm.html", {"action": "confirm"})


def unsubscribe(request, token):
    email = tokens.read(token, "stop")
    if email is None:
        return render(request, "comments/notification_result.html", {"ok": False}, status=400)
    if request.method == "POST":
        set_reply_notifications(email, wanted=False)
        return render(request, "comments/notification_result.html", {"ok": True, "stopped": True})
    return render(request, "comments/notification_confirm.html", {"action": "stop"})
