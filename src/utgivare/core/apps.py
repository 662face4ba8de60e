from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "utgivare.core"
    label = "core"
    verbose_name = "Utgivare"
