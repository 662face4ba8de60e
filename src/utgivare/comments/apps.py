from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "utgivare.comments"
    label = "comments"
    verbose_name = _("Kommentarer")

    def ready(self):
        from utgivare.core import personal_data

        from . import personal_data as comment_data

        personal_data.register("comments", export=comment_data.export, erase=comment_data.erase)
