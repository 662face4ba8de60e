"""The editors' side of signatures, in the Wagtail admin.

Any editor who may edit a signature author can seal (or replace) the real name,
never see it. The ansvarig utgivare, with the tip inbox unlocked, reads it with
a deliberate POST (not on a page view), and every reading is logged.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from utgivare.publication.models import AuthorPage
from utgivare.tips import inbox as tip_inbox
from utgivare.tips import sealing, unlocking

from . import identity
from .models import IdentityAccess, SealedIdentity


class RealNameForm(forms.Form):
    real_name = forms.CharField(
        label=gettext_lazy("Verkligt namn"),
        max_length=300,
        help_text=gettext_lazy(
            "Förseglas direkt med tipslådans nyckel. Ingen redaktör kan läsa det efteråt, "
            "bara den ansvariga utgivaren med tipslådans lösenfras."
        ),
    )


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _editable_signature(request, author_id) -> AuthorPage:
    author = get_object_or_404(AuthorPage, pk=author_id, is_signature=True)
    if not author.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return author


def index(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    authors = AuthorPage.objects.filter(is_signature=True).order_by("title")
    kept = set(SealedIdentity.objects.values_list("author_id", flat=True))
    rows = [(author, author.pk in kept) for author in authors]
    may_read = identity.may_read(request.user)
    log = IdentityAccess.objects.all()[:100] if may_read else []
    return _no_store(
        TemplateResponse(
            request,
            "signatures/admin/index.html",
            {"rows": rows, "log": log, "may_read": may_read, "header_title": _("Signaturer")},
        )
    )


# An error report must not carry the name typed in.
@sensitive_post_parameters("real_name")
def detail(request, author_id):
    author = _editable_signature(request, author_id)
    form = RealNameForm(request.POST or None)
    inbox = tip_inbox.current_inbox()
    if request.method == "POST" and form.is_valid():
        if inbox is None:
            messages.error(
                request, _("Tipslådan är inte öppnad: utan dess nyckel kan namnet inte förseglas.")
            )
        else:
            identity.seal_identity(
                author,
                form.cleaned_data["real_name"],
                bytes(inbox.public_key),
                timezone.localdate(),
                request.user,
            )
            messages.success(request, _("Det verkliga namnet är förseglat."))
            return redirect("signatures_admin:detail", author.pk)
    sealed = SealedIdentity.objects.filter(author=author).first()
    may_read = identity.may_read(request.user)
    return _no_store(
        TemplateResponse(
            request,
            "signatures/admin/detail.html",
            {
                "author": author,
                "form": RealNameForm() if request.method == "POST" and form.is_valid() else form,
                "sealed": sealed,
                "inbox": inbox,
                "may_read": may_read,
                "unlocked": may_read and unlocking.recall(request.session) is not None,
                "header_title": _("Signatur: %(signature)s") % {"signature": author.title},
            },
        )
    )


@require_POST
def read(request, author_id):
    author = get_object_or_404(AuthorPage, pk=author_id, is_signature=True)
    if not identity.may_read(request.user):
        raise PermissionDenied
    private_key = unlocking.recall(request.session)
    if private_key is None:
        messages.error(request, _("Lås upp tipslådan först (Tips i menyn)."))
        return redirect("signatures_admin:detail", author.pk)
    try:
        real_name = identity.read_identity(author, private_key, request.user)
    except sealing.WrongSecret:
        messages.error(request, _("Namnet går inte att öppna med tipslådans nyckel."))
        return redirect("signatures_admin:detail", author.pk)
    return _no_store(
        TemplateResponse(
            request,
            "signatures/admin/read.html",
            {
                "author": author,
                "real_name": real_name,
                "header_title": _("Signatur: %(signature)s") % {"signature": author.title},
            },
        )
    )


@require_POST
def remove(request, author_id):
    author = get_object_or_404(AuthorPage, pk=author_id, is_signature=True)
    if not identity.may_read(request.user):
        raise PermissionDenied
    if identity.remove_identity(author, request.user):
        messages.success(request, _("Det förseglade namnet är raderat."))
    return redirect("signatures_admin:detail", author.pk)
