"""Storing an audio file from code (demo loader, tests, bench): same facts, same refusal."""

from django.core.files import File

from .metadata import read_audio
from .models import MediaFile


def store_audio(path, title: str) -> MediaFile:
    """Read the facts of the file at `path` (MediaRefused if it is not audio), then
    stream it to storage; nothing is stored when it is refused."""
    with open(path, "rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        facts = read_audio(handle, size=size)
        media_file = MediaFile(
            title=title,
            kind=MediaFile.Kind.AUDIO,
            mime_type=facts.mime_type,
            duration_seconds=facts.duration_seconds,
            bitrate=facts.bitrate,
            size=facts.size,
        )
        media_file.file.save(f"upload.{facts.extension}", File(handle), save=False)
    media_file.save()
    return media_file
