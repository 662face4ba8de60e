from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "utgivare.comments"
    label = "comments"
    verbose_name = _("Kommentarer")

    def ready(self):
        from utgivare.core import personal_data, privacy

        from . import personal_data as comment_data
        from .models import CommentSettings
        from .privacy import privacy_page_facts

        personal_data.register("comments", export=comment_data.export, erase=comment_data.erase)
        privacy.register_facts(
            privacy.COMMENTING,
            "comments",
            lambda site: privacy_page_facts(CommentSettings.for_site(site)),
        )
