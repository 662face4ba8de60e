from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "utgivare.comments"
    label = "comments"
    verbose_name = _("Kommentarer")

    def ready(self):
        from utgivare.core import personal_data

        from . import services

        personal_data.register(
            "comments", export=services.export_for_user, erase=services.erase_for_user
        )
