"""What a media file is, read from its bytes with mutagen: never typed by hand.

`read_audio(file) -> AudioFacts` or `MediaRefused` with a Swedish message for the
editor. The file is read from its temporary path on disk (uploads go to a temp file,
settings.FILE_UPLOAD_HANDLERS), so a 200 MB episode is never held in memory.
"""

from dataclasses import dataclass

import mutagen
from django.utils.translation import gettext_lazy as _

# mutagen's file types we accept as podcast audio, and the MIME type podcast apps expect.
AUDIO_TYPES = {
    "MP3": ("audio/mpeg", "mp3"),
    "MP4": ("audio/mp4", "m4a"),
    "OggVorbis": ("audio/ogg", "ogg"),
    "OggOpus": ("audio/ogg", "opus"),
    "FLAC": ("audio/flac", "flac"),
    "WAVE": ("audio/wav", "wav"),
}


class MediaRefused(Exception):
    """The upload is not a file we can publish; `message` says why, for the editor."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class AudioFacts:
    mime_type: str
    extension: str
    duration_seconds: float
    # Bits per second, as the file says (average for VBR).
    bitrate: int
    size: int


NOT_AUDIO = _(
    "Filen är inte en ljudfil som kan publiceras. Ladda upp MP3, M4A, Ogg, Opus, FLAC eller WAV."
)
BROKEN = _("Ljudfilen går inte att läsa (den kan vara skadad eller ofullständig).")


def _path_or_file(uploaded):
    path = getattr(uploaded, "temporary_file_path", None)
    if path:
        return {"filename": path()}
    uploaded.seek(0)
    return {"fileobj": uploaded}


def read_audio(uploaded, size: int | None = None) -> AudioFacts:
    """The facts of an uploaded (or stored) audio file, or MediaRefused."""
    try:
        audio = mutagen.File(**_path_or_file(uploaded))
    except Exception as error:  # noqa: BLE001 - mutagen raises many kinds for broken files
        raise MediaRefused(BROKEN) from error
    finally:
        if hasattr(uploaded, "seek"):
            uploaded.seek(0)
    if audio is None or type(audio).__name__ not in AUDIO_TYPES:
        raise MediaRefused(NOT_AUDIO)
    info = audio.info
    duration = float(getattr(info, "length", 0) or 0)
    bitrate = int(getattr(info, "bitrate", 0) or 0)
    if duration <= 0:
        raise MediaRefused(BROKEN)
    size = size if size is not None else uploaded.size
    if not bitrate and duration:
        bitrate = int(size * 8 / duration)
    mime_type, extension = AUDIO_TYPES[type(audio).__name__]
    return AudioFacts(mime_type, extension, duration, bitrate, size)
