from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebTvConfig(AppConfig):
    name = "utgivare.webtv"
    label = "webtv"
    verbose_name = _("Webb-tv")
