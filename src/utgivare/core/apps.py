from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "utgivare.core"
    label = "core"
    verbose_name = "Utgivare"

    def ready(self):
        from . import content_version, page_cache, permissions, reader_cache

        content_version.connect_signals()
        page_cache.connect_signals()
        permissions.connect_signals()
        reader_cache.connect_signals()
