"""The states a subscription can be in, where it came from, and what a plan can include.

Kept apart from models.py so the pure rules in entitlements.py and figures.py
can use them without touching the database layer, and so models.py needs
nothing from the rules (entitlements.py reads the models, not the reverse).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Content types a plan can include; every paywalled page model names one of
# these in its `paywall_content_type` attribute.
ARTICLE = "article"
BLOG_POST = "blog_post"
PODCAST_EPISODE = "podcast_episode"
WEBTV_EPISODE = "webtv_episode"
CONTENT_TYPES = (ARTICLE, BLOG_POST, PODCAST_EPISODE, WEBTV_EPISODE)


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


class PaymentMethod(models.TextChoices):
    INVOICE = "invoice", _("Faktura")
    SWISH = "swish", _("Swish")


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("väntar på betalning")
    PAID = "paid", _("betald")
    CANCELLED = "cancelled", _("avbruten")
