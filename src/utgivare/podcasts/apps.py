from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "utgivare.podcasts"
    label = "podcasts"
    verbose_name = _("Poddradio")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from utgivare.core import personal_data, privacy
        from utgivare.media import owners

        from . import models
        from .personal_data import erase, export
        from .privacy_facts import privacy_page_facts

        owners.register(models.episodes_by_audio)
        personal_data.register("podcast_feeds", export=export, erase=erase)
        privacy.register_facts(privacy.ACCOUNT, "podcasts", privacy_page_facts)
