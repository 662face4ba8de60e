"""Adding and editing corrections in the Wagtail admin. There is no delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import records
from .forms import CorrectionChangeForm, CorrectionForm
from .models import Correction


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
