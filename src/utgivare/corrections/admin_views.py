"""Adding and editing corrections in the Wagtail admin. There is no delete."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import records, replies
from .forms import CorrectionChangeForm, CorrectionForm, ReplyEmailForm
from .models import Correction, ReplyRequest


def may_correct(user, page) -> bool:
    return bool(
        user.has_perm("corrections.add_correction")
        and page.permissions_for_user(user).can_edit()
        and page.live
    )


def index(request):
    if not request.user.has_perm("corrections.add_correction"):
        raise PermissionDenied
    corrections = Correction.objects.select_related("page").prefetch_related("changes")
    return TemplateResponse(
        request,
        "corrections/admin/index.html",
        {
            "corrections": Paginator(corrections, 50).get_page(request.GET.get("p")),
            "header_title": _("Rättelser"),
        },
    )


def add(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_correct(request.user, page):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None, initial={"corrected_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        records.add(page, user=request.user, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("Rättelsen är publicerad på sidan och under Rättelser."))
        return redirect("corrections_admin:index")
    return TemplateResponse(
        request,
        "corrections/admin/form.html",
        {"form": form, "page": page, "header_title": _("Ny rättelse: %s") % page.title},
    )


def edit(request, correction_id):
    correction = get_object_or_404(Correction.objects.select_related("page"), pk=correction_id)
    page = correction.page.specific
    if not (
        request.user.has_perm("corrections.change_correction") and may_correct(request.user, page)
    ):
        raise PermissionDenied
    form = CorrectionChangeForm(request.POST or None, instance=correction)
    if request.method == "POST" and form.is_valid():
        wording = {name: form.cleaned_data[name] for name in records.FIELDS}
        # The form has already put the new wording on the instance; start from the stored one.
        correction.refresh_from_db()
        changed = records.change(
            correction,
            reason=form.cleaned_data["reason"],
            user=request.user,
            now=timezone.now(),
            **wording,
        )
        if changed:
            messages.success(request, _("Rättelsen är ändrad; den tidigare lydelsen visas."))
        return redirect("corrections_admin:index")
    return TemplateResponse(
        request,
        "corrections/admin/form.html",
        {
            "form": form,
            "page": page,
            "correction": correction,
            "header_title": _("Ändra rättelse: %s") % page.title,
        },
    )


def _may_handle_replies(user) -> bool:
    return user.has_perm("corrections.change_replyrequest")


def reply_requests(request):
    if not _may_handle_replies(request.user):
        raise PermissionDenied
    now = timezone.now()
    rows = [
        (item, replies.age_days(item, now))
        for item in ReplyRequest.objects.select_related("page")[:200]
    ]
    return TemplateResponse(
        request,
        "corrections/admin/replies.html",
        {"rows": rows, "header_title": _("Begäran om genmäle")},
    )


def _section_for(original):
    from utgivare.publication.models import SectionPage

    parent = original.get_parent().specific
    if isinstance(parent, SectionPage):
        return parent
    return SectionPage.objects.live().order_by("path").first()


def reply_request(request, request_id):
    if not _may_handle_replies(request.user):
        raise PermissionDenied
    item = get_object_or_404(
        ReplyRequest.objects.select_related("page", "reply_page"), pk=request_id
    )
    now = timezone.now()
    email_form = ReplyEmailForm(
        request.POST if request.POST.get("action") == "email" else None,
        initial={"subject": _("Ditt genmäle")},
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "email" and email_form.is_valid():
            replies.send_email(
                item,
                actor=request.user,
                from_email=settings.DEFAULT_FROM_EMAIL,
                now=now,
                **email_form.cleaned_data,
            )
            messages.success(request, _("E-posten är skickad."))
            return redirect("corrections_admin:reply_request", item.pk)
        if action in (ReplyRequest.Status.DIALOGUE, ReplyRequest.Status.ACCEPTED):
            replies.set_status(item, action, actor=request.user, now=now)
            return redirect("corrections_admin:reply_request", item.pk)
        if action == ReplyRequest.Status.DECLINED:
            reason = request.POST.get("decline_reason", "").strip()
            if not reason:
                messages.error(request, _("Skriv varför genmälet avböjs."))
            else:
                replies.set_status(item, action, actor=request.user, reason=reason, now=now)
            return redirect("corrections_admin:reply_request", item.pk)
        if action == "publish" and item.status == ReplyRequest.Status.ACCEPTED and item.page:
            reply = replies.publish(
                item, parent=_section_for(item.page.specific), actor=request.user, now=now
            )
            messages.success(request, _("Genmälet är publicerat: %s") % reply.title)
            return redirect("corrections_admin:reply_request", item.pk)
    return TemplateResponse(
        request,
        "corrections/admin/reply_request.html",
        {
            "item": item,
            "age": replies.age_days(item, now),
            "events": item.events.all(),
            "email_form": email_form,
            "next_statuses": replies.NEXT[item.status],
            "header_title": _("Genmäle från %s") % item.name,
        },
    )
