"""Mitt konto: profile, subscription, payments, my data, delete my account.

Sign-up, login (password or e-mail code), e-mail change and password reset
are allauth's views under the same /konto/ prefix.
"""

import json
import logging
import time

import stripe
from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from utgivare.core import personal_data
from utgivare.subscriptions import account as subscription_account

from .deletion import delete_account as delete_reader_account
from .forms import DeleteAccountForm, ProfileForm

log = logging.getLogger(__name__)


@never_cache
@login_required
def overview(request):
    user = request.user
    return render(
        request,
        "accounts/overview.html",
        {
            "primary_email": EmailAddress.objects.filter(user=user, primary=True).first(),
            "subscriptions": subscription_account.for_account_page(user, timezone.now()),
        },
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Dina uppgifter är sparade."))
        return redirect("my_account")
    return render(request, "accounts/profile.html", {"form": form})


@never_cache
@login_required
def export_data(request):
    """Everything every app stores about the reader, as one JSON file."""
    data = {
        "exported_at": timezone.now().isoformat(),
        **personal_data.export_all(request.user),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response


def _recently_signed_in(request) -> bool:
    """For readers without a password: did they sign in (by code) a moment ago?"""
    try:
        from allauth.account.internal.flows.login import get_authentication_records
    except ImportError:  # allauth moved its internals; fall back to asking for a fresh login
        return False
    records = get_authentication_records(request, request.user)
    if not records:
        return False
    return time.time() - records[-1].get("at", 0) < allauth_settings.REAUTHENTICATION_TIMEOUT


@never_cache
@login_required
def delete_account(request):
    user = request.user
    needs_fresh_login = not user.has_usable_password() and not _recently_signed_in(request)
    if user.is_staff:
        messages.info(request, _("Personalkonton raderas av en administratör."))
        return redirect("my_account")
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and not needs_fresh_login and form.is_valid():
        try:
            delete_reader_account(user)
        except stripe.StripeError:
            log.warning("Could not stop a card subscription; account kept", exc_info=True)
            messages.error(
                request,
                _(
                    "Vi kunde inte avsluta din kortbetalning hos betaltjänsten just nu, så "
                    "kontot är inte raderat. Försök igen om en stund."
                ),
            )
            return redirect("my_account_delete")
        logout(request)
        messages.success(request, _("Ditt konto är raderat."))
        return redirect("/")
    return render(
        request,
        "accounts/delete.html",
        {
            "form": form,
            "needs_fresh_login": needs_fresh_login,
            "subscriptions": subscription_account.for_account_page(user, timezone.now()),
        },
    )
