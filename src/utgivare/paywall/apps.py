from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaywallConfig(AppConfig):
    name = "utgivare.paywall"
    label = "paywall"
    verbose_name = _("Betalvägg")

    def ready(self):
        from utgivare.core import personal_data, privacy

        from . import checks, meters, receivers  # noqa: F401 - registers checks and receivers
        from . import personal_data as paywall_data

        personal_data.register("paywall", export=paywall_data.export, erase=paywall_data.erase)
        meters.connect_signals()
        privacy.register_cookie("paywall_meter", meters.privacy_cookie)
