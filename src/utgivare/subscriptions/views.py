import json
import logging
from urllib.parse import urlencode

import stripe
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from utgivare.core.caching import mark_personal
from utgivare.core.forms import CleanTextMixin

from . import ordering, stripe_events, stripe_gateway, webhooks
from .checkout import CONFIRMED, UNKNOWN, checkout_result
from .choices import PaymentMethod, Source
from .entitlements import for_reader
from .models import Plan, Subscription
from .tasks import process_stripe_event

log = logging.getLogger(__name__)


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def stripe_customer_id(user) -> str:
    """The Stripe customer behind the reader's most recent card subscription."""
    subscription = (
        Subscription.objects.filter(user=user, source=Source.STRIPE)
        .exclude(stripe_customer_id="")
        .order_by("-created_at")
        .first()
    )
    return subscription.stripe_customer_id if subscription else ""


def subscribe(request):
    return render(
        request,
        "subscriptions/subscribe.html",
        {
            "plans": Plan.objects.filter(active=True),
            "online_payment": stripe_gateway.is_configured(),
            "entitlements": for_reader(request.user, timezone.now()),
            "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
            "signup_url": reverse("account_signup") + "?" + urlencode({"next": request.path}),
        },
    )


@require_POST
def checkout(request, plan_id):
    plan = get_object_or_404(Plan, pk=plan_id, active=True)
    subscribe_url = reverse("subscriptions:subscribe")
    if not request.user.is_authenticated:
        return redirect(reverse("account_login") + "?" + urlencode({"next": subscribe_url}))
    if not stripe_gateway.is_configured():
        messages.info(request, _("Betalning med kort är inte öppen ännu."))
        return redirect(subscribe_url)
    if for_reader(request.user, timezone.now()).is_subscriber:
        messages.info(
            request, _("Du har redan en prenumeration. Du hanterar den under Mitt konto.")
        )
        return redirect("my_account")
    success_url = request.build_absolute_uri(reverse("subscriptions:checkout_return"))
    try:
        session = stripe_gateway.create_checkout_session(
            plan=plan,
            user=request.user,
            # Stripe fills in the placeholder; it must reach Stripe unescaped.
            success_url=success_url + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=request.build_absolute_uri(subscribe_url),
            customer_id=stripe_customer_id(request.user),
        )
    except stripe.StripeError:
        log.warning("Could not create a checkout session", exc_info=True)
        messages.error(request, _("Betaltjänsten svarar inte just nu. Försök igen om en stund."))
        return redirect(subscribe_url)
    return _see_other(session["url"])


@never_cache
@login_required
def checkout_return(request):
    session_id = request.GET.get("session_id", "")
    if not session_id or not stripe_gateway.is_configured():
        raise Http404
    result = checkout_result(session_id, request.user, timezone.now())
    if result.state == UNKNOWN:
        raise Http404
    return render(
        request,
        "subscriptions/checkout_return.html",
        {"result": result, "confirmed": result.state == CONFIRMED},
    )


@login_required
@require_POST
def manage(request):
    """ "Hantera prenumeration": off to Stripe's customer portal."""
    customer_id = stripe_customer_id(request.user)
    if not customer_id or not stripe_gateway.is_configured():
        messages.info(
            request, _("Din prenumeration sköts av redaktionen. Kontakta oss för ändringar.")
        )
        return redirect("my_account")
    try:
        portal = stripe_gateway.create_portal_session(
            customer_id=customer_id, return_url=request.build_absolute_uri(reverse("my_account"))
        )
    except stripe.StripeError:
        log.warning("Could not open the customer portal", exc_info=True)
        messages.error(request, _("Betaltjänsten svarar inte just nu. Försök igen om en stund."))
        return redirect("my_account")
    return _see_other(portal["url"])


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Verify, store, acknowledge; the stored event is then applied once.

    200 only after the event is committed to the database, so Stripe delivers
    again anything we could not store.
    """
    if not stripe_gateway.webhooks_configured():
        raise Http404
    try:
        payload = request.body.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            payload,
            request.headers.get("Stripe-Signature", ""),
            settings.STRIPE_WEBHOOK_SECRET,
            # Without a tolerance the SDK accepts a signature of any age (replays).
            tolerance=stripe.Webhook.DEFAULT_TOLERANCE,
        )
        event = json.loads(payload)
    except (ValueError, RecursionError, stripe.SignatureVerificationError):
        log.warning("Rejected a Stripe webhook with a bad signature or body")
        return HttpResponseBadRequest()
    shape = stripe_events.check(event)
    if not shape.ok:
        return _reject_malformed(event, shape)
    try:
        row, created = webhooks.store(event)
    except DatabaseError:
        log.exception("Could not store Stripe event %s; Stripe will retry", event.get("id"))
        return HttpResponse(status=503)
    if row.processed_at is None:
        try:
            process_stripe_event.enqueue(row.pk)
        except Exception:
            # Stored, so not lost: `utgivare process_stripe_events` applies it later.
            log.exception("Could not enqueue Stripe event %s", row.event_id)
    return HttpResponse(status=200)


def _reject_malformed(event, shape) -> HttpResponse:
    """Signed but malformed: kept once as rejected, with why, and 400.

    The fault is in the event, not in us, so not a 5xx (which would also leave
    a traceback instead of a reason). Stripe may deliver it again; each
    delivery finds the same row and changes nothing.
    """
    log.warning("Rejected a malformed Stripe event: %s", "; ".join(shape.reasons))
    try:
        stripe_events.store_rejected(event, shape)
    except DatabaseError:
        # The database, not the event, failed: Stripe's retry lets us keep it.
        log.exception("Could not keep a rejected Stripe event; Stripe will retry")
        return HttpResponse(status=503)
    return HttpResponseBadRequest()


class OrderForm(CleanTextMixin, forms.Form):
    plan = forms.ModelChoiceField(
        queryset=Plan.objects.filter(active=True),
        label=_lazy("Plan"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    name = forms.CharField(label=_lazy("Namn"), max_length=150)
    address = forms.CharField(
        label=_lazy("Postadress"),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        max_length=500,
        help_text=_lazy("Dit vi skickar fakturan."),
    )
    payment_method = forms.ChoiceField(
        label=_lazy("Betalsätt"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )


@login_required
def order(request):
    """Subscribing without card payment: a pending order staff mark paid (ordering.py)."""
    mark_personal(request, "order form")
    if stripe_gateway.is_configured():
        return redirect("subscriptions:subscribe")
    form = OrderForm(request.POST or None, initial={"name": request.user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        placed = ordering.place_order(user=request.user, **form.cleaned_data)
        return render(
            request,
            "subscriptions/order_placed.html",
            {"order": placed, "settings_": ordering.order_settings()},
        )
    return render(request, "subscriptions/order.html", {"form": form})
