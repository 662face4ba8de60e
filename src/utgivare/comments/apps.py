from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "utgivare.comments"
    label = "comments"
    verbose_name = _("Kommentarer")

    def ready(self):
        from utgivare.core import personal_data, privacy, shell_parts

        from . import comment_section
        from . import personal_data as comment_data
        from .models import CommentSettings
        from .privacy import privacy_page_facts

        # A logged-in reader's comment form in a piece shell (core.shell_parts).
        shell_parts.register("commentername", comment_section.commenter_name)
        shell_parts.register("commenteremail", comment_section.commenter_email)
        shell_parts.register("commentstarted", comment_section.started)
        personal_data.register("comments", export=comment_data.export, erase=comment_data.erase)
        privacy.register_facts(
            privacy.COMMENTING,
            "comments",
            lambda site: privacy_page_facts(CommentSettings.for_site(site)),
        )
