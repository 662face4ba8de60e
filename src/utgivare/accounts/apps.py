from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "utgivare.accounts"
    label = "accounts"
    verbose_name = _("Läsarkonton")

    def ready(self):
        from utgivare.core import personal_data

        from . import personal_data as account_data

        personal_data.register("account", export=account_data.export, erase=account_data.erase)
