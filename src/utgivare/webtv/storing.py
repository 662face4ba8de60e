"""Storing a video or captions from code (demo loader, tests): the admin's checks, same refusals."""

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile

from . import captions, probe
from .models import Video, VideoCaption


def store_video(path, title: str) -> Video:
    """Probe the file at `path` (ValidationError if refused), then stream it to storage."""
    path = Path(path)
    found = probe.probe_file(str(path))
    reason = probe.refusal(found)
    if reason:
        raise ValidationError({"file": reason})
    video = Video(title=title)
    video.apply_probe(found, size=os.path.getsize(path))
    with open(path, "rb") as handle:
        video.file.save(f"upload.{found.container}", File(handle), save=False)
    video.save()
    return video


def add_caption(video: Video, vtt: bytes, language: str = captions.DEFAULT_LANGUAGE, label=""):
    found = captions.problems(vtt)
    if found:
        raise ValidationError({"file": found})
    caption = VideoCaption(video=video, language=language, label=label)
    caption.file.save("textning.vtt", ContentFile(vtt), save=False)
    caption.save()
    return caption
