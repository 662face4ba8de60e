from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebTvConfig(AppConfig):
    name = "utgivare.webtv"
    label = "webtv"
    verbose_name = _("Webb-tv")

    def ready(self):
        from django.db.models.signals import post_save, pre_delete

        from . import changes
        from .models import Video
        from .queueing import on_video_saved

        post_save.connect(on_video_saved, sender=Video, dispatch_uid="webtv-queue-hls")
        post_save.connect(changes.on_video_saved, sender=Video, dispatch_uid="webtv-pages-saved")
        pre_delete.connect(
            changes.on_video_deleted, sender=Video, dispatch_uid="webtv-pages-deleted"
        )
