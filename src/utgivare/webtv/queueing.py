"""Queueing the HLS transcode when a video gets a new file (or an editor asks again).

Connected to Video's post_save in WebTvConfig.ready(), so models.py needs nothing
from tasks.py. The state says "queued" at once; the task itself starts only after
the transaction commits, so it never reads a file that was not stored.
"""

from django.db import transaction
from django.utils import timezone

from .models import HlsStatus, Video
from .tasks import enqueue_transcode


def queue_hls(video: Video):
    Video.objects.filter(pk=video.pk).update(
        hls_status=HlsStatus.QUEUED,
        hls_progress=0,
        hls_error="",
        hls_source=video.file.name,
        hls_updated_at=timezone.now(),
    )
    video.hls_status, video.hls_source = HlsStatus.QUEUED, video.file.name
    pk, name = video.pk, video.file.name
    transaction.on_commit(lambda: enqueue_transcode(pk, name), robust=True)


def on_video_saved(sender, instance, raw=False, **kwargs):
    # A new file: a new transcode (a run still busy with the old one ends as stale).
    if not raw and instance.needs_hls:
        queue_hls(instance)
