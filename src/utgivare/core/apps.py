from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "utgivare.core"
    label = "core"
    verbose_name = "Utgivare"

    def ready(self):
        from . import content_version

        content_version.connect_signals()
