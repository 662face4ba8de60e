"""What an uploaded video file is: container, video codec, size and duration.

The ffmpeg binary that imageio-ffmpeg ships reads the file's headers
(`ffmpeg -i`); `parse_probe` turns its report into a `Probe` and `refusal`
decides, from data only, whether the site accepts the file. The duration of an
MP4 is read with mutagen (from the file's own header), of a WebM from ffmpeg's
report. Nothing here decodes the whole file, so a 2 GB upload is probed in
milliseconds.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

import imageio_ffmpeg
from django.utils.translation import gettext as _

MP4 = "mp4"
WEBM = "webm"
# The codecs a browser's <video> plays from each container.
ACCEPTED_VIDEO_CODECS = {MP4: {"h264"}, WEBM: {"vp8", "vp9", "av1"}}
CONTENT_TYPES = {MP4: "video/mp4", WEBM: "video/webm"}
PROBE_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Probe:
    container: str = ""  # MP4, WEBM or "" for anything else
    video_codec: str = ""
    width: int = 0
    height: int = 0
    duration: float = 0.0
    has_audio: bool = False
    # ffmpeg found the packets cut short or broken (a truncated or damaged upload).
    damaged: bool = False


def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


def sniff_container(head: bytes) -> str:
    """The container from the file's first bytes: an MP4 `ftyp` box or a WebM EBML header."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return MP4
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return WEBM
    return ""


_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_VIDEO = re.compile(r"Stream #\d+:\d+[^:]*: Video: (\w+)[^\n]*?, (\d{2,5})x(\d{2,5})")
_AUDIO = re.compile(r"Stream #\d+:\d+[^:]*: Audio: ")


def parse_probe(container: str, report: str) -> Probe:
    """A Probe from `ffmpeg -i`'s report (stderr); empty codec when no video stream was found."""
    duration = 0.0
    if match := _DURATION.search(report):
        hours, minutes, seconds = match.groups()
        duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    video = _VIDEO.search(report)
    return Probe(
        container=container,
        video_codec=video.group(1) if video else "",
        width=int(video.group(2)) if video else 0,
        height=int(video.group(3)) if video else 0,
        duration=duration,
        has_audio=bool(_AUDIO.search(report)),
    )


def refusal(probe: Probe) -> str:
    """Why the site refuses this file ("" when it accepts it), in words for the editor."""
    if not probe.container:
        return _("Filen är inte en video i formatet MP4 (H.264) eller WebM.")
    if not probe.video_codec or not probe.width:
        return _("Videofilen går inte att läsa; den kan vara skadad eller ofullständig.")
    if probe.video_codec not in ACCEPTED_VIDEO_CODECS[probe.container]:
        if probe.container == MP4:
            return _("MP4-filen måste vara kodad med H.264 (den är kodad med %(codec)s).") % {
                "codec": probe.video_codec
            }
        return _(
            "WebM-filen måste vara kodad med VP8, VP9 eller AV1 (den är kodad med %(codec)s)."
        ) % {"codec": probe.video_codec}
    if probe.duration <= 0 or probe.damaged:
        return _("Videofilen går inte att läsa; den kan vara skadad eller ofullständig.")
    return ""


def run_ffmpeg_probe(path: str) -> str:
    """ffmpeg's report on the file at `path` (it exits non-zero without an output: expected)."""
    result = subprocess.run(  # noqa: S603 - a fixed binary and a path we chose
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", path],
        capture_output=True,
        timeout=PROBE_TIMEOUT_SECONDS,
        check=False,
    )
    return result.stderr.decode("utf-8", "replace")


def run_packet_check(path: str) -> str:
    """ffmpeg's complaints when it reads every packet without decoding ("" for a whole file).

    Headers can be intact in a cut-off upload (an MP4 with its index first); reading
    the packets finds the end missing. No decoding: a 2 GB file takes seconds."""
    result = subprocess.run(  # noqa: S603 - a fixed binary and a path we chose
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-i", path]
        + ["-map", "0", "-c", "copy", "-f", "null", "-"],
        capture_output=True,
        timeout=PROBE_TIMEOUT_SECONDS * 10,
        check=False,
    )
    return result.stderr.decode("utf-8", "replace").strip() or (
        f"exit {result.returncode}" if result.returncode else ""
    )


def mp4_duration(path: str) -> float | None:
    """The MP4's duration from its own header (mutagen); None when mutagen cannot tell."""
    from mutagen import MutagenError
    from mutagen.mp4 import MP4

    try:
        length = MP4(path).info.length
    except (MutagenError, ValueError, OSError):
        return None
    return length or None


def probe_file(path: str) -> Probe:
    """Probe the file at `path`: sniff, ask ffmpeg, and for MP4 take mutagen's duration."""
    with open(path, "rb") as handle:
        container = sniff_container(handle.read(64))
    if not container:
        return Probe()
    probe = parse_probe(container, run_ffmpeg_probe(path))
    if probe.video_codec in ACCEPTED_VIDEO_CODECS[container] and run_packet_check(path):
        return Probe(**{**probe.__dict__, "damaged": True})
    if container == MP4 and probe.video_codec:
        duration = mp4_duration(path)
        if duration:
            probe = Probe(**{**probe.__dict__, "duration": duration})
    return probe
