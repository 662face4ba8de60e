from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "utgivare.media"
    label = "media"
    verbose_name = _("Mediefiler")
    default_auto_field = "django.db.models.BigAutoField"
