from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "utgivare.core"
    label = "core"
    verbose_name = "Utgivare"

    def ready(self):
        from utgivare.core.navigation import connect_signals

        connect_signals()
