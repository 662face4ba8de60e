from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from utgivare.paywall.access import free_reads_return_on
from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings

register = template.Library()

SUBSCRIBE_URL = "/prenumerera/"
FALLBACK_LOGIN_URL = "/konto/login/"


def month_name(month_key: str) -> str:
    """ "2026-11" -> "november" (in the active language)."""
    try:
        return str(MONTHS[int(month_key[5:7])])
    except (ValueError, KeyError):
        return ""


def login_url(next_path: str) -> str:
    try:
        base = resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        base = FALLBACK_LOGIN_URL
    return f"{base}?{urlencode({'next': next_path})}"


@register.simple_tag(takes_context=True)
def paywall_banner_text(context, access):
    paywall_settings = PaywallSettings.for_request(context["request"])
    return paywall_settings.text(
        "banner_text", left=access.free_left, limit=access.limit, month=month_name(access.month)
    )


@register.simple_tag(takes_context=True)
def paywall_box(context, access):
    """What the paywall box shows: its text and where its two links lead."""
    request = context["request"]
    paywall_settings = PaywallSettings.for_request(request)
    name = "quota_box_text" if access.box == "quota" else "subscribers_box_text"
    here = request.get_full_path()
    if access.box == "busy":
        text = _("Vi kunde inte räkna den här läsningen just nu. Ladda om sidan för att läsa.")
    else:
        text = paywall_settings.text(name, limit=access.limit, month=month_name(access.month))
    return {
        "text": text,
        "subscribe_url": f"{SUBSCRIBE_URL}?{urlencode({'next': here})}",
        "login_url": login_url(here),
    }


@register.simple_tag
def free_reads_return(access):
    """ "Nya gratisartiklar 1 december": when the meter's next period starts."""
    day = free_reads_return_on(access.month or "")
    if day is None:
        return ""
    return _("Nya gratisartiklar %(day)s") % {"day": formats.date_format(day, "j F")}


# What a list shows beside a piece that not every reader may read in full.
LIST_LABELS = {
    AccessLevel.METERED: ("metered", _lazy("Räknas mot gratisartiklarna")),
    AccessLevel.SUBSCRIBERS: ("subscribers", _lazy("För prenumeranter")),
}


@register.inclusion_tag("paywall/access_label.html", takes_context=True)
def access_label(context, piece):
    """A small label in lists: the piece's own level, or the site default for its type."""
    level = piece.access_level or PaywallSettings.for_request(context["request"]).default_level(
        piece.paywall_content_type
    )
    kind, text = LIST_LABELS.get(level, (None, ""))
    return {"kind": kind, "text": text}
