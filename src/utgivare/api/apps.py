from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "utgivare.api"
    label = "utgivare_api"
    verbose_name = _("Läs-API")

    def ready(self):
        from utgivare.core import personal_data

        from . import tokens

        personal_data.register("api_tokens", export=tokens.export, erase=tokens.erase)
