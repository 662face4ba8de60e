"""The moderation queue in the Wagtail admin.

One form holds the whole list: checkboxes and the bulk bar submit it to the
bulk view; each row's buttons submit it (via `formaction`) to that comment's
own action view. Everything is a plain button or link, so it works with the
keyboard alone; admin.js adds single-key shortcuts on top.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import history_text, legal, moderating, staff
from .forms import ModeratorEditForm
from .models import Ban, Comment, CommentSettings, ModerationEvent, Thread
from .moderation import REASONS, Status
from .policy import ThreadClosing
from .threads import thread_for

PER_PAGE = 50

TABS = {
    "pending": gettext_lazy("Väntar"),
    "reported": gettext_lazy("Anmälda"),
    "spam": gettext_lazy("Skräppost"),
    "rejected": gettext_lazy("Avvisade"),
    "approved": gettext_lazy("Publicerade"),
}

REJECTION_REASONS = [
    gettext_lazy("Personangrepp"),
    gettext_lazy("Ogrundade anklagelser mot en namngiven person"),
    gettext_lazy("Röjer uppgifter om en privatperson"),
    gettext_lazy("Hets mot folkgrupp eller annat olagligt innehåll"),
    gettext_lazy("Reklam"),
    gettext_lazy("Utanför ämnet"),
]

ACTION_LABELS = {
    "approve": gettext_lazy("Godkänn"),
    "reject": gettext_lazy("Avvisa"),
    "spam": gettext_lazy("Skräppost"),
    "pending": gettext_lazy("Tillbaka till granskning"),
}

# What the confirmation says was done: "Kommentaren av Anna är godkänd."
DONE_ONE = {
    "approve": gettext_lazy("Kommentaren av %(name)s är godkänd."),
    "reject": gettext_lazy("Kommentaren av %(name)s är avvisad."),
    "spam": gettext_lazy("Kommentaren av %(name)s är markerad som skräppost."),
    "pending": gettext_lazy("Kommentaren av %(name)s är tillbaka i granskningskön."),
}
DONE_MANY = {
    "approve": ("%(count)d kommentar är godkänd.", "%(count)d kommentarer är godkända."),
    "reject": ("%(count)d kommentar är avvisad.", "%(count)d kommentarer är avvisade."),
    "spam": (
        "%(count)d kommentar är markerad som skräppost.",
        "%(count)d kommentarer är markerade som skräppost.",
    ),
    "pending": (
        "%(count)d kommentar är tillbaka i granskningskön.",
        "%(count)d kommentarer är tillbaka i granskningskön.",
    ),
}

BAN_TERMS = [
    ("7", gettext_lazy("En vecka")),
    ("30", gettext_lazy("En månad")),
    ("365", gettext_lazy("Ett år")),
    ("", gettext_lazy("Tills någon tar bort spärren")),
]


def moderator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not staff.is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def tab_queryset(tab):
    comments = Comment.objects.all()
    if tab == "reported":
        return comments.filter(Q(open_reports__gt=0) | Q(hidden_for_review=True)).exclude(
            status__in=[Status.SPAM, Status.REJECTED]
        )
    return comments.filter(status=tab)


def queue_counts(request=None) -> dict[str, int]:
    """Counts for every tab in one query (once per request: the menu and dashboard both ask)."""
    cached = getattr(request, "_comment_queue_counts", None)
    if cached is not None:
        return cached
    reported = (Q(open_reports__gt=0) | Q(hidden_for_review=True)) & ~Q(
        status__in=[Status.SPAM, Status.REJECTED]
    )
    counts = Comment.objects.aggregate(
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        reported=Count("pk", filter=reported),
        spam=Count("pk", filter=Q(status=Status.SPAM)),
        rejected=Count("pk", filter=Q(status=Status.REJECTED)),
        approved=Count("pk", filter=Q(status=Status.APPROVED)),
    )
    if request is not None:
        request._comment_queue_counts = counts
    return counts


def reason_texts(comment) -> list[str]:
    return [str(REASONS[code]) for code in comment.held_reasons if code in REASONS]


def needs_attention_count(request=None) -> int:
    counts = queue_counts(request)
    return counts["pending"] + counts["reported"]


def _next_url(request, fallback):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _reason_from(request, comment_id=None):
    """The reason typed for this row, else the bulk bar's reason, else the chosen standard one."""
    for key in (f"reason-{comment_id}" if comment_id else None, "reason", "standard_reason"):
        if key and request.POST.get(key, "").strip():
            return request.POST[key].strip()[:500]
    return ""


@moderator_required
def queue(request):
    tab = request.GET.get("flik", "pending")
    if tab not in TABS:
        tab = "pending"
    comments = (
        tab_queryset(tab)
        .select_related("page", "in_reply_to")
        .prefetch_related("reports")
        .order_by("created_at" if tab in ("pending", "reported") else "-created_at")
    )
    page_filter = request.GET.get("sida", "")
    if page_filter.isdigit():
        comments = comments.filter(page_id=int(page_filter))
    paginator = Paginator(comments, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p"))
    for comment in page_obj.object_list:
        comment.reason_texts = reason_texts(comment)
    counts = queue_counts()
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "tab": tab,
            "tabs": [(key, label, counts[key]) for key, label in TABS.items()],
            "page_obj": page_obj,
            "comments": page_obj.object_list,
            "rejection_reasons": REJECTION_REASONS,
            "actions": ACTION_LABELS,
            "current_url": request.get_full_path(),
            "header_title": _("Kommentarer"),
        },
    )


@require_POST
@moderator_required
def bulk(request):
    action = request.POST.get("bulk_action", "")
    ids = [int(i) for i in request.POST.getlist("selected") if i.isdigit()]
    back = _next_url(request, reverse("comments_admin:queue"))
    if action not in moderating.MODERATION_ACTIONS:
        messages.error(request, _("Välj vad som ska göras med de markerade kommentarerna."))
        return HttpResponseRedirect(back)
    if not ids:
        messages.error(request, _("Markera minst en kommentar."))
        return HttpResponseRedirect(back)
    changed = moderating.moderate(
        ids, action, actor=request.user, reason=_reason_from(request), now=timezone.now()
    )
    singular, plural = DONE_MANY[action]
    messages.success(request, ngettext(singular, plural, changed) % {"count": changed})
    return HttpResponseRedirect(back)


@require_POST
@moderator_required
def act(request, comment_id):
    comment = get_object_or_404(Comment, pk=comment_id)
    action = request.POST.get("action", "")
    back = _next_url(request, reverse("comments_admin:queue"))
    if action not in moderating.MODERATION_ACTIONS:
        messages.error(request, _("Okänd åtgärd."))
        return HttpResponseRedirect(back)
    moderating.moderate(
        [comment.pk],
        action,
        actor=request.user,
        reason=_reason_from(request, comment.pk),
        now=timezone.now(),
    )
    messages.success(
        request,
        str(DONE_ONE[action]) % {"name": comment.author_name},
    )
    return HttpResponseRedirect(back)


@moderator_required
def detail(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("page", "in_reply_to", "user", "moderated_by"),
        pk=comment_id,
    )
    form = ModeratorEditForm(
        request.POST or None,
        initial={
            "author_name": comment.author_name,
            "author_website": comment.author_website,
            "text": comment.text,
        },
    )
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ("author_name", "author_website", "text")}
        if moderating.edit_comment(
            comment,
            actor=request.user,
            values=values,
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        ):
            messages.success(request, _("Kommentaren är ändrad. Ändringen finns i historiken."))
        else:
            messages.info(request, _("Inget ändrades."))
        return redirect("comments_admin:detail", comment.pk)
    others = Comment.objects.none()
    if comment.author_email:
        others = (
            Comment.objects.filter(author_email=comment.author_email)
            .exclude(pk=comment.pk)
            .select_related("page")
            .order_by("-created_at")[:10]
        )
    bans = Ban.objects.filter(
        Q(kind=Ban.Kind.EMAIL, value=comment.author_email)
        | Q(kind=Ban.Kind.IP_HASH, value=comment.ip_hash or "-")
    )
    return TemplateResponse(
        request,
        "comments/admin/detail.html",
        {
            "comment": comment,
            "form": form,
            "events": history_text.readable(list(comment.events.select_related("actor"))),
            "ban_terms": BAN_TERMS,
            "now": timezone.now(),
            "reports": comment.reports.all(),
            "others": others,
            "bans": bans,
            "reason_texts": reason_texts(comment),
            "illegal_grounds": legal.choices(),
            "rejection_reasons": REJECTION_REASONS,
            "actions": ACTION_LABELS,
            "public_url": comment.page.url,
            "header_title": _("Kommentar av %(name)s") % {"name": comment.author_name},
        },
        status=400 if form.errors else 200,
    )


@require_POST
@moderator_required
def ban(request, comment_id):
    comment = get_object_or_404(Comment, pk=comment_id)
    kind = request.POST.get("kind")
    value = {Ban.Kind.EMAIL: comment.author_email, Ban.Kind.IP_HASH: comment.ip_hash}.get(kind)
    back = _next_url(request, reverse("comments_admin:detail", args=[comment.pk]))
    if not value:
        messages.error(request, _("Det finns inget att spärra på för den här kommentaren."))
        return HttpResponseRedirect(back)
    moderating.ban(
        kind,
        value,
        actor=request.user,
        reason=request.POST.get("reason", "").strip()[:500],
        comment=comment,
        expires_at=moderating.ban_expiry(request.POST.get("term", ""), timezone.now()),
        now=timezone.now(),
    )
    if request.POST.get("also_spam"):
        moderating.moderate([comment.pk], "spam", actor=request.user, now=timezone.now())
    messages.success(request, _("Spärren är lagd."))
    return HttpResponseRedirect(back)


@moderator_required
def bans(request):
    if request.method == "POST":
        ban_id = request.POST.get("remove", "")
        if ban_id.isdigit():
            moderating.remove_ban(int(ban_id), actor=request.user, now=timezone.now())
            messages.success(request, _("Spärren är borttagen."))
        return redirect("comments_admin:bans")
    return TemplateResponse(
        request,
        "comments/admin/bans.html",
        {
            "bans": Ban.objects.select_related("created_by").order_by("-created_at"),
            "now": timezone.now(),
            "header_title": _("Spärrar"),
        },
    )


@moderator_required
def threads(request):
    if request.method == "POST":
        page_id = request.POST.get("page", "")
        closing = request.POST.get("closing", "")
        if page_id.isdigit() and closing in ThreadClosing.values:
            moderating.set_thread_closing(
                int(page_id), closing, actor=request.user, now=timezone.now()
            )
            messages.success(request, _("Inställningen är sparad."))
        return redirect(_next_url(request, reverse("comments_admin:threads")))
    page_filter = request.GET.get("sida", "")
    if page_filter.isdigit():
        page = get_object_or_404(Page, pk=int(page_filter))
        thread = thread_for(page.pk)
        thread.page = page
        rows = [thread]
    else:
        rows = Thread.objects.select_related("page").order_by("-last_comment_at", "-page_id")
    settings = CommentSettings.for_request(request)
    return TemplateResponse(
        request,
        "comments/admin/threads.html",
        {
            "threads": Paginator(rows, PER_PAGE).get_page(request.GET.get("p")),
            "single": bool(page_filter.isdigit()),
            "closing_choices": ThreadClosing.choices,
            "close_after_days": settings.close_after_days,
            "header_title": _("Trådar"),
        },
    )


@moderator_required
def history(request):
    events = ModerationEvent.objects.select_related("actor", "comment", "comment__page", "page")
    page_obj = Paginator(events, 100).get_page(request.GET.get("p"))
    page_obj.object_list = history_text.readable(list(page_obj.object_list))
    return TemplateResponse(
        request,
        "comments/admin/history.html",
        {
            "events": page_obj,
            "header_title": _("Historik"),
        },
    )
