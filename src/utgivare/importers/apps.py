from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "utgivare.importers"
    label = "importers"
    verbose_name = "Import"
    default_auto_field = "django.db.models.BigAutoField"
