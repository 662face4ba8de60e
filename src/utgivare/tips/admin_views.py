"""The editors' side of the tip inbox, inside the Wagtail admin.

Listing shows only what is stored in the clear (numbers and dates). Reading,
answering and opening attachments need the inbox unlocked with the
passphrase (unlocking.py); every one of them is recorded in TipAccess.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import inbox as tip_inbox
from . import sealing, staff, unlocking
from .forms import InboxSetupForm, NewPassphraseForm, PassphraseForm, ReplyForm, RetentionForm
from .models import Tip, TipAccess, TipAttachment


def reader_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not staff.may_read(request.user):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def publisher_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not staff.is_responsible_publisher(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _render(request, template, context):
    return TemplateResponse(
        request,
        template,
        {"header_title": _("Tips"), "may_manage": staff.is_responsible_publisher(request.user)}
        | context,
    )


@reader_required
def index(request):
    inbox = tip_inbox.current_inbox()
    if inbox is None:
        return _render(request, "tips/admin/setup.html", {"form": InboxSetupForm()})
    tips = Tip.objects.all()
    unlocked = unlocking.recall(request.session) is not None
    rows = [(tip, tip_inbox.expires_on(tip, inbox.retention_days)) for tip in tips]
    return _render(
        request,
        "tips/admin/index.html",
        {
            "rows": rows,
            "unlocked": unlocked,
            "unlock_form": PassphraseForm(),
            "retention_days": inbox.retention_days,
            "next": request.GET.get("next", ""),
        },
    )


@reader_required
@publisher_required
@require_POST
def setup(request):
    if tip_inbox.current_inbox() is not None:
        return redirect("tips_admin:index")
    form = InboxSetupForm(request.POST)
    if not form.is_valid():
        return _render(request, "tips/admin/setup.html", {"form": form})
    tip_inbox.create_inbox(
        form.cleaned_data["passphrase"], form.cleaned_data["retention_days"], request.user
    )
    messages.success(request, _("Tipslådan är öppen på /tipsa/."))
    return redirect("tips_admin:index")


@reader_required
@require_POST
def unlock(request):
    inbox = tip_inbox.current_inbox()
    if inbox is None:
        raise Http404
    form = PassphraseForm(request.POST)
    if form.is_valid():
        try:
            private_key = tip_inbox.unlock(inbox, form.cleaned_data["passphrase"], request.user)
        except sealing.WrongSecret:
            messages.error(request, _("Fel lösenfras."))
        else:
            unlocking.remember(request.session, private_key)
            next_url = request.POST.get("next", "")
            if next_url.startswith(reverse("tips_admin:index")):
                return redirect(next_url)
    return redirect("tips_admin:index")


@reader_required
@require_POST
def lock(request):
    unlocking.forget(request.session)
    return redirect("tips_admin:index")


def _unlocked_or_redirect(request):
    private_key = unlocking.recall(request.session)
    if private_key is None:
        return None, redirect(reverse("tips_admin:index") + "?next=" + request.path)
    return private_key, None


@reader_required
def detail(request, tip_id):
    tip = get_object_or_404(Tip, pk=tip_id)
    private_key, go_unlock = _unlocked_or_redirect(request)
    if go_unlock:
        return go_unlock
    reply_form = ReplyForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "reply":
            reply_form = ReplyForm(request.POST)
            if reply_form.is_valid():
                tip_inbox.reply(
                    tip, reply_form.cleaned_data["text"], request.user, timezone.localdate()
                )
                messages.success(request, _("Svaret är sparat. Källan ser det med sin kodfras."))
                return redirect("tips_admin:detail", tip.pk)
        elif action in ("keep", "release"):
            tip_inbox.set_kept(tip, action == "keep", request.user)
            return redirect("tips_admin:detail", tip.pk)
        elif action == "delete":
            tip_inbox.delete(tip, request.user)
            messages.success(request, _("Tipset är raderat."))
            return redirect("tips_admin:index")
    inbox = tip_inbox.current_inbox()
    conversation = tip_inbox.read_for_editor(tip, private_key, request.user)
    return _render(
        request,
        "tips/admin/detail.html",
        {
            "tip": tip,
            "conversation": conversation,
            "reply_form": reply_form,
            "expires_on": tip_inbox.expires_on(tip, inbox.retention_days),
            "header_title": _("Tips %(number)s") % {"number": tip.pk},
        },
    )


@reader_required
def attachment(request, attachment_id):
    stored = get_object_or_404(
        TipAttachment.objects.select_related("message__tip"), pk=attachment_id
    )
    private_key, go_unlock = _unlocked_or_redirect(request)
    if go_unlock:
        return go_unlock
    described, content = tip_inbox.open_attachment(stored, private_key, request.user)
    response = HttpResponse(content, content_type=described.content_type)
    # Always a download: a file from outside is never rendered inside the admin's origin.
    response["Content-Disposition"] = f'attachment; filename="{described.name}"'
    return response


@reader_required
@publisher_required
def inbox_settings(request):
    inbox = tip_inbox.current_inbox()
    if inbox is None:
        return redirect("tips_admin:index")
    retention_form = RetentionForm(initial={"retention_days": inbox.retention_days})
    passphrase_form = NewPassphraseForm()
    old_form = PassphraseForm()
    if request.method == "POST" and request.POST.get("action") == "retention":
        retention_form = RetentionForm(request.POST)
        if retention_form.is_valid():
            inbox.retention_days = retention_form.cleaned_data["retention_days"]
            inbox.save(update_fields=["retention_days", "changed_at"])
            tip_inbox.record(TipAccess.Action.RETENTION, request.user)
            messages.success(request, _("Lagringstiden är ändrad."))
            return redirect("tips_admin:settings")
    elif request.method == "POST" and request.POST.get("action") == "passphrase":
        old_form = PassphraseForm(request.POST)
        passphrase_form = NewPassphraseForm(request.POST)
        if old_form.is_valid() and passphrase_form.is_valid():
            try:
                tip_inbox.change_passphrase(
                    inbox,
                    old_form.cleaned_data["passphrase"],
                    passphrase_form.cleaned_data["passphrase"],
                    request.user,
                )
            except sealing.WrongSecret:
                old_form.add_error("passphrase", _("Fel lösenfras."))
            else:
                messages.success(request, _("Lösenfrasen är bytt."))
                return redirect("tips_admin:settings")
    return _render(
        request,
        "tips/admin/settings.html",
        {
            "retention_form": retention_form,
            "passphrase_form": passphrase_form,
            "old_form": old_form,
            "header_title": _("Tipslådans inställningar"),
        },
    )


@reader_required
def access_log(request):
    entries = TipAccess.objects.all()
    return _render(
        request,
        "tips/admin/log.html",
        {
            "entries": Paginator(entries, 100).get_page(request.GET.get("p")),
            "header_title": _("Vem har läst tipsen"),
        },
    )
