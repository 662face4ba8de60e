from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .content_version import CachedSiteSetting


@register_setting(icon="info-circle")
class ImprintSettings(CachedSiteSetting, BaseSiteSetting):
    """The publication's imprint (impressum): who answers for it under Swedish press law.

    Shown in every page footer and on its own page (/impressum/).
    """

    publication_name = models.CharField(
        _("publikationens namn"), max_length=120, default="Utgivare"
    )
    tagline = models.CharField(_("undertitel"), max_length=200, blank=True)
    responsible_publisher = models.ForeignKey(
        "publication.AuthorPage",
        verbose_name=_("ansvarig utgivare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Den som enligt tryckfrihetsförordningen och yttrandefrihetsgrundlagen "
            "svarar för innehållet."
        ),
    )
    contact_email = models.EmailField(_("kontakt-e-post"), blank=True)
    postal_address = models.TextField(_("postadress"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    has_publishing_certificate = models.BooleanField(
        _("har utgivningsbevis"),
        default=False,
        help_text=_(
            "Utgivningsbevis från Myndigheten för press, radio och tv ger "
            "grundlagsskydd för webbplatsen."
        ),
    )
    certificate_valid_until = models.DateField(
        _("utgivningsbeviset gäller till"), null=True, blank=True
    )
    corrections_policy = models.TextField(
        _("rättelser och genmäle"),
        blank=True,
        help_text=_("Hur läsare begär rättelse eller genmäle."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("publication_name"), FieldPanel("tagline")], heading=_("Publikationen")
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_publisher"),
                FieldPanel("has_publishing_certificate"),
                FieldPanel("certificate_valid_until"),
            ],
            heading=_("Ansvar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("phone"),
                FieldPanel("postal_address"),
                FieldPanel("corrections_policy"),
            ],
            heading=_("Kontakt"),
        ),
    ]

    class Meta:
        verbose_name = _("impressum")


class ContentVersion(models.Model):
    """One number that changes whenever what surrounds every page may change.

    Bumped (core.content_version) in the same transaction as a publish,
    unpublish, move, slug change or deletion of a page, a change to a view
    restriction, a site or a site setting. Caches of the menu, the site settings
    and the like are keyed by it, so every app process (each with its own
    local-memory cache, or all sharing Redis) sees a change on its next request,
    without being told.
    """

    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("innehållsversion")


class CacheTag(models.Model):
    """A version per thing a cached whole page may show (core.page_cache).

    `page:<id>` for one page, `site` for what every page draws (menu, settings,
    addresses), `content` for pages that list anything (search, feeds). Bumped in
    the same transaction as the change, read by every app process, so a process
    with its own local-memory cache still drops exactly the pages that changed.
    """

    name = models.CharField(max_length=100, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("cachetagg")


class PeriodicJobRun(models.Model):
    """When a periodic job (core.periodic) last started and finished: the worker's heartbeat."""

    command = models.CharField(_("kommando"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("senast startad"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("senast klar"), null=True, blank=True)
    last_error = models.TextField(_("senaste fel"), blank=True)

    class Meta:
        verbose_name = _("återkommande jobb")
        verbose_name_plural = _("återkommande jobb")

    def __str__(self):
        return self.command
