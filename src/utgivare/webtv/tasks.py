"""The HLS ladder, made in the background (django-tasks) with imageio-ffmpeg's ffmpeg.

`transcode_hls(video_id, source_name)` writes each rung to a temporary folder,
then copies the playlists and segments to private storage under a new folder
and only then points the Video at it, so readers never see half an HLS.
Progress is stored on the Video as it goes (the admin lists it); any failure
is stored with ffmpeg's last words and leaves the original file playable.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from contextlib import contextmanager

from django.utils import timezone
from django_tasks import task

from utgivare.media.models import private_storage

from . import changes, hls, probe
from .models import HlsStatus, Video

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0


def enqueue_transcode(video_id: int, source_name: str):
    transcode_hls.enqueue(video_id, source_name)


def _update(video_id, source_name, **fields):
    """Store progress, unless the video got another file meanwhile (its own run reports)."""
    return Video.objects.filter(pk=video_id, hls_source=source_name).update(
        hls_updated_at=timezone.now(), **fields
    )


@contextmanager
def _source_path(name):
    """A local path of the stored original: the file itself on disk, else a streamed copy."""
    try:
        yield private_storage().path(name)
        return
    except NotImplementedError:
        pass
    with tempfile.NamedTemporaryFile(suffix=os.path.splitext(name)[1]) as handle:
        with private_storage().open(name, "rb") as source:
            shutil.copyfileobj(source, handle, 1024 * 1024)
        handle.flush()
        yield handle.name


def _run_rung(video, source, out_dir, rung, done, total):
    os.makedirs(out_dir, exist_ok=True)
    command = [probe.ffmpeg_exe(), *hls.ffmpeg_args(source, out_dir, rung, video.has_audio)]
    timeout = 300 + video.duration * 20
    started = last_report = time.monotonic()
    with subprocess.Popen(  # noqa: S603 - a fixed binary and arguments we built
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        for line in process.stdout:
            key, _, value = line.strip().partition("=")
            now = time.monotonic()
            if now - started > timeout:
                process.kill()
                raise RuntimeError("ffmpeg tog för lång tid och avbröts.")
            if (
                key == "out_time_us"
                and value.isdigit()
                and now - last_report >= PROGRESS_EVERY_SECONDS
            ):
                last_report = now
                percent = hls.progress_percent(done, total, int(value) / 1e6, video.duration)
                _update(video.pk, video.hls_source, hls_progress=percent)
        errors = process.stderr.read()
        process.wait()
    if process.returncode != 0:
        raise RuntimeError((errors or f"ffmpeg avslutades med kod {process.returncode}")[-500:])


def _store_folder(local_dir, prefix):
    for folder, _dirs, files in os.walk(local_dir):
        for file_name in sorted(files):
            local = os.path.join(folder, file_name)
            relative = os.path.relpath(local, local_dir).replace(os.sep, "/")
            with open(local, "rb") as handle:
                stored = private_storage().save(f"{prefix}/{relative}", handle)
            if stored != f"{prefix}/{relative}":
                raise RuntimeError(f"Lagringen döpte om {relative}.")


@task()
def transcode_hls(video_id: int, source_name: str) -> str:
    video = Video.objects.filter(pk=video_id).first()
    if video is None or video.file.name != source_name or video.hls_source != source_name:
        return "stale"  # the video was deleted or given a new file meanwhile
    _update(video_id, source_name, hls_status=HlsStatus.RUNNING, hls_progress=0, hls_error="")
    try:
        rungs = hls.rungs_for(video.height)
        if not rungs:
            raise RuntimeError("Videons höjd är okänd.")
        with (
            tempfile.TemporaryDirectory(prefix="webtv-hls-") as work,
            _source_path(source_name) as source,
        ):
            for done, rung in enumerate(rungs):
                _run_rung(video, source, os.path.join(work, rung.name), rung, done, len(rungs))
            with open(os.path.join(work, hls.MASTER), "w") as master:
                master.write(hls.master_playlist(rungs, video.width, video.height, video.has_audio))
            prefix = f"webtv/hls/{video_id}/{uuid.uuid4().hex}"
            _store_folder(work, prefix)
    except Exception as error:  # noqa: BLE001 - any failure is shown to the editor
        logger.warning("HLS of video %s failed: %s", video_id, error)
        _update(
            video_id, source_name, hls_status=HlsStatus.FAILED, hls_error=str(error) or repr(error)
        )
        return "failed"
    # Still the same file? An upload during the transcode queued its own run.
    updated = _update(
        video_id, source_name, hls_status=HlsStatus.DONE, hls_progress=100, hls_dir=prefix
    )
    if not updated:
        return "stale"
    changes.video_changed(video_id)  # pages now offer the ladder
    return "done"
