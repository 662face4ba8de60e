"""A video's change reaches the pages that show it.

The page cache keeps a free video's page, and the cached route of every video
page carries its Video row (`VideoPage.serve_select_related`). A finished HLS
ladder, a new file or a deleted video must therefore drop both, or readers
would be offered the old state until something else changed.
"""

from utgivare.core import content_version, page_cache


def video_changed(video_id) -> None:
    from .models import VideoPage  # noqa: PLC0415 - models import this module's caller

    content_version.bump()
    for page_id in VideoPage.objects.filter(video_id=video_id).values_list("pk", flat=True):
        page_cache.page_id_changed(page_id)


def on_video_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:  # a new video is on no page yet
        video_changed(instance.pk)


def on_video_deleted(sender, instance, **kwargs):
    # Before the delete: afterwards the pages no longer point at it.
    video_changed(instance.pk)
