"""Paywall settings, the logged-in reader's meter, and the events the report counts."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from utgivare.core.content_version import CachedSiteSetting

from .access import MAX_FREE_READS, Meter
from .levels import AccessLevel

# Placeholders an editor may use in the texts below.
LEFT, LIMIT, MONTH = "{kvar}", "{antal}", "{månad}"

DEFAULT_TEXTS = {
    "banner_text_sv": "Du har {kvar} av {antal} gratis artiklar kvar i {månad}",
    "banner_text_en": "You have {kvar} of {antal} free articles left in {månad}",
    "quota_box_text_sv": (
        "Du har läst dina {antal} gratis artiklar denna månad. Prenumerera för att få "
        "obegränsad tillgång till artiklar, poddradio, bloggar och webb-tv."
    ),
    "quota_box_text_en": (
        "You have read your {antal} free articles this month. Subscribe for unlimited "
        "access to articles, podcasts, blogs and web TV."
    ),
    "subscribers_box_text_sv": (
        "Det här är endast för prenumeranter. Prenumerera för att få obegränsad "
        "tillgång till artiklar, poddradio, bloggar och webb-tv."
    ),
    "subscribers_box_text_en": (
        "This is for subscribers only. Subscribe for unlimited access to articles, "
        "podcasts, blogs and web TV."
    ),
}

PLACEHOLDER_HELP = _("Du kan använda {kvar}, {antal} och {månad}.")

# The levels an operator can make the default (the blank "site default" is not one).
DEFAULT_LEVEL_CHOICES = [
    (AccessLevel.FREE.value, AccessLevel.FREE.label),
    (AccessLevel.METERED.value, AccessLevel.METERED.label),
    (AccessLevel.SUBSCRIBERS.value, AccessLevel.SUBSCRIBERS.label),
]


def default_level_field(label):
    return models.CharField(
        label, max_length=16, choices=DEFAULT_LEVEL_CHOICES, default=AccessLevel.METERED
    )


def text_field(label, name):
    return models.TextField(label, default=DEFAULT_TEXTS[name], help_text=PLACEHOLDER_HELP)


@register_setting(icon="lock")
class PaywallSettings(CachedSiteSetting, BaseSiteSetting):
    free_reads_per_month = models.PositiveSmallIntegerField(
        _("gratis artiklar per månad"),
        default=3,
        validators=[MaxValueValidator(MAX_FREE_READS)],
        help_text=_(
            "Hur många olika artiklar, inlägg och avsnitt som räknas mot mätaren en läsare "
            "utan prenumeration får läsa per kalendermånad."
        ),
    )
    article_level = default_level_field(_("artiklar"))
    blog_post_level = default_level_field(_("blogginlägg"))
    podcast_episode_level = default_level_field(_("poddavsnitt"))
    webtv_episode_level = default_level_field(_("webb-tv-avsnitt"))

    banner_text_sv = text_field(_("mätarraden (svenska)"), "banner_text_sv")
    banner_text_en = text_field(_("mätarraden (engelska)"), "banner_text_en")
    quota_box_text_sv = text_field(
        _("betalväggen när gratisartiklarna är slut (svenska)"), "quota_box_text_sv"
    )
    quota_box_text_en = text_field(
        _("betalväggen när gratisartiklarna är slut (engelska)"), "quota_box_text_en"
    )
    subscribers_box_text_sv = text_field(
        _("betalväggen för prenumerantinnehåll (svenska)"), "subscribers_box_text_sv"
    )
    subscribers_box_text_en = text_field(
        _("betalväggen för prenumerantinnehåll (engelska)"), "subscribers_box_text_en"
    )

    panels = [
        FieldPanel("free_reads_per_month"),
        MultiFieldPanel(
            [
                FieldPanel("article_level"),
                FieldPanel("blog_post_level"),
                FieldPanel("podcast_episode_level"),
                FieldPanel("webtv_episode_level"),
            ],
            heading=_("Standardåtkomst per innehållstyp"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("banner_text_sv"),
                FieldPanel("banner_text_en"),
                FieldPanel("quota_box_text_sv"),
                FieldPanel("quota_box_text_en"),
                FieldPanel("subscribers_box_text_sv"),
                FieldPanel("subscribers_box_text_en"),
            ],
            heading=_("Texter"),
        ),
    ]

    class Meta:
        verbose_name = _("betalvägg")

    def default_level(self, content_type: str) -> str:
        """The site's default access level for a content type ("article", "blog_post", …)."""
        return getattr(self, f"{content_type}_level", AccessLevel.METERED)

    def text(self, name: str, *, left=None, limit=None, month="") -> str:
        """One of the texts in the current language, placeholders filled in.

        Plain replacement, not str.format: an editor's text can never reach
        attributes of the values.
        """
        language = "en" if (get_language() or "").startswith("en") else "sv"
        key = f"{name}_{language}"
        template = (getattr(self, key, "") or "").strip() or DEFAULT_TEXTS[key]
        for placeholder, value in ((LEFT, left), (LIMIT, limit), (MONTH, month)):
            template = template.replace(placeholder, "" if value is None else str(value))
        return template


class AccountMeter(models.Model):
    """A logged-in reader's meter for the current month: follows them across devices.

    One row per reader, overwritten when a new month starts, so no reading
    history older than this month is kept.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("läsare"),
        on_delete=models.CASCADE,
        related_name="paywall_meter",
    )
    month = models.CharField(_("månad"), max_length=7)
    piece_ids = models.JSONField(_("lästa"), default=list)
    # The last piece whose paywall this reader met: a subscription that starts
    # afterwards is counted as that piece's conversion (report.piece_figures).
    last_walled_page_id = models.PositiveIntegerField(
        _("senast stoppad vid sida"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("uppdaterad"), auto_now=True)

    class Meta:
        verbose_name = _("läsmätare")
        verbose_name_plural = _("läsmätare")

    def as_meter(self) -> Meter:
        ids = frozenset(i for i in self.piece_ids if isinstance(i, int))
        return Meter(month=self.month, read_ids=ids)


class PaywallEvent(models.Model):
    """Something the paywall report counts. Holds no reader identity."""

    class Kind(models.TextChoices):
        BOX_VIEW = "box_view", _("Betalväggen visad")
        METER_EXHAUSTED = "meter_exhausted", _("Gratisartiklarna slut")
        CONVERSION = "conversion", _("Ny prenumeration")
        # A free read the meter counted (the first of a piece in a month, per reader);
        # recorded from 2026-11-30 on, for the report's per-piece figures.
        METERED_READ = "metered_read", _("Räknad gratisläsning")

    kind = models.CharField(_("händelse"), max_length=20, choices=Kind.choices)
    # The Stockholm calendar month ("2026-11"), so the report groups without time-zone maths.
    month = models.CharField(_("månad"), max_length=7)
    occurred_at = models.DateTimeField(_("tidpunkt"))
    content_type = models.CharField(_("innehållstyp"), max_length=20, blank=True)
    page_id = models.PositiveIntegerField(_("sida"), null=True, blank=True)
    reason = models.CharField(_("orsak"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("betalväggshändelse")
        verbose_name_plural = _("betalväggshändelser")
        indexes = [models.Index(fields=["month", "kind"], name="paywall_event_month_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.month}"
