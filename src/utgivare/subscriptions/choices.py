"""The states a subscription can be in and where it came from.

Kept apart from models.py so the pure rules in entitlements.py and figures.py
can use them without touching the database layer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Interval(models.TextChoices):
    MONTH = "month", _("månad")
    YEAR = "year", _("år")


class Status(models.TextChoices):
    INCOMPLETE = "incomplete", _("väntar på betalning")
    TRIALING = "trialing", _("provperiod")
    ACTIVE = "active", _("aktiv")
    PAST_DUE = "past_due", _("betalning försenad")
    CANCELED = "canceled", _("uppsagd, gäller periodens slut")
    EXPIRED = "expired", _("avslutad")


class Source(models.TextChoices):
    STRIPE = "stripe", _("Stripe (kort)")
    MANUAL = "manual", _("manuell (faktura, Swish)")
    COMPLIMENTARY = "complimentary", _("fri (personal, press, gåva)")
