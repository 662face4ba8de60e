"""Access levels a piece of content can have. Shared by every content type."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLevel(models.TextChoices):
    # Blank means "the site's default for this content type" (PaywallSettings),
    # so an operator can change the default for all such pieces at once.
    SITE_DEFAULT = "", _("Webbplatsens standard för innehållstypen")
    FREE = "free", _("Fritt för alla")
    METERED = "metered", _("Räknas mot månadens gratisartiklar")
    SUBSCRIBERS = "subscribers", _("Endast prenumeranter")


def access_level_field():
    return models.CharField(
        _("åtkomst"),
        max_length=16,
        choices=AccessLevel.choices,
        blank=True,
        default=AccessLevel.SITE_DEFAULT,
        help_text=_("Vem som får läsa hela innehållet."),
    )
