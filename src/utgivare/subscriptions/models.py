"""Plans, subscriptions, their recorded changes, payments and stored Stripe events.

Money is integer öre with the currency beside it. Times are UTC. Every change
of a subscription leaves a SubscriptionEvent saying who or what changed what.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import choices
from .choices import Interval, OrderStatus, PaymentMethod, Source, Status
from .money import format_kr


class Plan(models.Model):
    """What a reader can buy. Edited by staff; inactive plans stay valid for subscribers."""

    name = models.CharField(_("namn"), max_length=80)
    description = models.TextField(_("beskrivning"), blank=True)
    price_ore = models.PositiveIntegerField(
        _("pris i öre"), help_text=_("Till exempel 11900 för 119 kr.")
    )
    currency = models.CharField(_("valuta"), max_length=3, default="SEK", editable=False)
    interval = models.CharField(
        _("period"), max_length=8, choices=Interval.choices, default=Interval.MONTH
    )
    includes_articles = models.BooleanField(_("artiklar"), default=True)
    includes_blogs = models.BooleanField(_("bloggar"), default=True)
    includes_podcast = models.BooleanField(_("poddradio"), default=True)
    includes_webtv = models.BooleanField(_("webb-tv"), default=True)
    active = models.BooleanField(
        _("säljs"),
        default=True,
        help_text=_(
            "Bara planer som säljs visas för nya prenumeranter. Befintliga "
            "prenumerationer på en plan som inte längre säljs fortsätter att gälla."
        ),
    )
    stripe_price_id = models.CharField(
        _("Stripe-pris-id"),
        max_length=100,
        blank=True,
        help_text=_(
            "Valfritt (price_…). Tomt: kassan skapar priset utifrån namn, pris och period."
        ),
    )
    sort_order = models.PositiveIntegerField(_("ordning"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("price_ore"), FieldPanel("interval")]),
        MultiFieldPanel(
            [
                FieldPanel("includes_articles"),
                FieldPanel("includes_blogs"),
                FieldPanel("includes_podcast"),
                FieldPanel("includes_webtv"),
            ],
            heading=_("Ingår"),
        ),
        FieldPanel("active"),
        FieldPanel("sort_order"),
        FieldPanel("stripe_price_id"),
    ]

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["sort_order", "price_ore", "pk"]

    def __str__(self):
        return self.name

    @property
    def content_types(self) -> frozenset:
        flags = {
            choices.ARTICLE: self.includes_articles,
            choices.BLOG_POST: self.includes_blogs,
            choices.PODCAST_EPISODE: self.includes_podcast,
            choices.WEBTV_EPISODE: self.includes_webtv,
        }
        return frozenset(kind for kind, included in flags.items() if included)

    @property
    def price_kr(self) -> str:
        """ "119 kr": what one period costs, for a Swish or bankgiro payment."""
        return format_kr(self.price_ore)

    @property
    def price_display(self) -> str:
        """ "119 kr/månad"."""
        return f"{format_kr(self.price_ore)}/{self.get_interval_display()}"


class Subscription(models.Model):
    # Null once the reader has deleted their account: the row is kept,
    # anonymised, so the publication's figures stay right.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("läsare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriptions",
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="subscriptions"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INCOMPLETE
    )
    source = models.CharField(_("källa"), max_length=16, choices=Source.choices)
    current_period_start = models.DateTimeField(_("perioden börjar"), null=True, blank=True)
    current_period_end = models.DateTimeField(_("perioden slutar"), null=True, blank=True)
    grace_until = models.DateTimeField(
        _("anstånd till"),
        null=True,
        blank=True,
        help_text=_("När en betalning misslyckats: tillgång till och med denna tid."),
    )
    # First moment the subscription gave access; "new subscribers" count from it.
    started_at = models.DateTimeField(_("startade"), null=True, blank=True)
    ended_at = models.DateTimeField(_("avslutades"), null=True, blank=True)
    note = models.TextField(
        _("anteckning"), blank=True, help_text=_("Till exempel fakturanummer eller Swish.")
    )
    stripe_subscription_id = models.CharField(
        max_length=100, null=True, blank=True, unique=True, editable=False
    )
    stripe_customer_id = models.CharField(max_length=100, blank=True, editable=False)
    # The Stripe event (time, ordering rank) last applied to this row: an event
    # older than this is stale and changes nothing.
    stripe_state_at = models.DateTimeField(null=True, blank=True, editable=False)
    stripe_state_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    # The period end a renewal reminder was sent for (ordering.send_renewal_reminders).
    reminded_for_end = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("prenumeration")
        verbose_name_plural = _("prenumerationer")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "current_period_end"])]
        permissions = [
            ("view_figures", _("Kan se prenumerationsstatistik och intäkter")),
        ]

    def __str__(self):
        who = self.user.email if self.user_id else _("raderad läsare")
        return f"{who}: {self.plan}"

    @property
    def reader_email(self) -> str:
        return self.user.email if self.user_id else ""

    @property
    def reader_name(self) -> str:
        return self.user.get_full_name() if self.user_id else ""

    def state(self) -> dict:
        """The fields a SubscriptionEvent records before and after a change."""
        return {
            "plan": self.plan.name if self.plan_id else None,
            "status": self.status,
            "current_period_start": _iso(self.current_period_start),
            "current_period_end": _iso(self.current_period_end),
            "grace_until": _iso(self.grace_until),
            "ended_at": _iso(self.ended_at),
        }


def _iso(value):
    return value.isoformat() if value else None


class SubscriptionEvent(models.Model):
    """One recorded change of a subscription: who or what, when, before and after."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("när"), db_index=True)
    # "stripe:evt_…", "staff", "reader", "system".
    actor = models.CharField(_("av"), max_length=120)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("händelse"), max_length=40)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("prenumerationshändelse")
        verbose_name_plural = _("prenumerationshändelser")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        keys = sorted(set(self.before) | set(self.after))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]


class Payment(models.Model):
    """A payment received. Kept seven years (bokföringslagen), anonymised on deletion."""

    subscription = models.ForeignKey(
        Subscription,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payments",
    )
    amount_ore = models.IntegerField(_("belopp i öre"))
    currency = models.CharField(_("valuta"), max_length=3, default="SEK")
    paid_at = models.DateTimeField(_("betald"))
    source = models.CharField(_("källa"), max_length=16, choices=Source.choices)
    description = models.CharField(_("avser"), max_length=200, blank=True)
    payer_name = models.CharField(_("betalarens namn"), max_length=200, blank=True)
    payer_email = models.EmailField(_("betalarens e-post"), blank=True)
    stripe_invoice_id = models.CharField(
        max_length=100, null=True, blank=True, unique=True, editable=False
    )
    # Links an invoice that arrives before its subscription is known.
    stripe_subscription_id = models.CharField(max_length=100, blank=True, editable=False)
    reference = models.CharField(pgettext_lazy("payment", "referens"), max_length=100, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("betalning")
        verbose_name_plural = _("betalningar")
        ordering = ["-paid_at", "-pk"]

    def __str__(self):
        return f"{format_kr(self.amount_ore)} {self.paid_at:%Y-%m-%d}"

    @property
    def amount_display(self) -> str:
        return format_kr(self.amount_ore, self.currency)


class StripeWebhookEvent(models.Model):
    """A Stripe event as delivered, stored before it is acknowledged."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField()
    stripe_created = models.DateTimeField(help_text="The event's own creation time at Stripe.")
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # What processing did: "applied", "ignored: …", "stale", "rejected", or the error.
    outcome = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # Why a correctly signed but malformed event was refused (subscriptions/stripe_events.py);
    # such a row is kept under a derived event_id ("rejected:<sha256>") and never applied.
    rejected_reason = models.TextField(blank=True)
    # When personal fields were removed from the payload (event_privacy.py).
    scrubbed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Stripe-händelse")
        verbose_name_plural = _("Stripe-händelser")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.event_id} {self.type}"


class Order(models.Model):
    """A reader's order without card payment: paid by invoice or Swish, then marked
    paid by staff, which makes it a manual subscription (ordering.mark_paid)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("läsare"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="subscription_orders",
    )
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT)
    name = models.CharField(_("namn"), max_length=150)
    address = models.TextField(_("adress"))
    payment_method = models.CharField(_("betalsätt"), max_length=8, choices=PaymentMethod.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    subscription = models.OneToOneField(
        Subscription,
        verbose_name=_("prenumeration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order",
    )
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    paid_at = models.DateTimeField(_("betald"), null=True, blank=True)

    class Meta:
        verbose_name = _("beställning")
        verbose_name_plural = _("beställningar")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name}, {self.plan}"

    @property
    def reader_email(self) -> str:
        return self.user.email if self.user else ""


@register_setting(icon="doc-full")
class OrderSettings(BaseSiteSetting):
    """Where a reader pays an order without card: shown on the page and in the e-mail."""

    swish_number = models.CharField(_("Swishnummer"), max_length=20, blank=True)
    bankgiro = models.CharField(_("bankgiro"), max_length=20, blank=True)
    invoice_days = models.PositiveSmallIntegerField(_("betalningsvillkor, dagar"), default=30)

    panels = [FieldPanel("swish_number"), FieldPanel("bankgiro"), FieldPanel("invoice_days")]

    class Meta:
        verbose_name = _("beställningar utan kort")
