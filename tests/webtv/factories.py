"""Web-TV for tests: a tiny clip made once per session with imageio-ffmpeg's ffmpeg."""

import functools
import json
import subprocess

import factory
from django.core.files import File

from tests.factories import PageFactory, paragraph
from utgivare.webtv import probe
from utgivare.webtv.models import Video, VideoPage, WebTvIndexPage, WebTvSeriesPage
from utgivare.webtv.storing import add_caption

SWEDISH_VTT = (
    "WEBVTT\n\n"
    "1\n00:00.000 --> 00:00.800\nHej och välkommen till Norrvik.\n\n"
    "00:00.800 --> 00:01.500\nHär är nyheterna.\n"
).encode()


def make_clip(path, *, webm=False, seconds=1, audio=True):
    """A 160x90 testsrc clip (with a sine tone), H.264/AAC in MP4 or VP8/Opus in WebM."""
    args = [probe.ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    args += ["-f", "lavfi", "-i", f"testsrc=size=160x90:rate=10:duration={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    if webm:
        args += ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "100k"]
        args += ["-c:a", "libopus"] if audio else []
    else:
        args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        args += ["-c:a", "aac", "-b:a", "32k"] if audio else []
        args += ["-movflags", "+faststart"]
    subprocess.run([*args, str(path)], check=True, timeout=60)  # noqa: S603
    return path


class WebTvIndexPageFactory(PageFactory):
    class Meta:
        model = WebTvIndexPage

    title = "Webb-tv"
    slug = "webb-tv"
    show_in_menus = True


class WebTvSeriesPageFactory(PageFactory):
    class Meta:
        model = WebTvSeriesPage

    title = factory.Sequence(lambda n: f"Serie {n}")
    description = "Kommunfullmäktige i korthet."


class VideoPageFactory(PageFactory):
    class Meta:
        model = VideoPage

    title = factory.Sequence(lambda n: f"Video {n}")
    lead = "Fullmäktige i korthet."
    body = factory.LazyFunction(lambda: json.dumps([paragraph("Anteckningar till videon.")]))


@functools.cache
def probed(clip) -> probe.Probe:
    """The clip's facts, read once per run (each probe starts ffmpeg twice)."""
    return probe.probe_file(str(clip))


def stored_video(clip, title="Klipp", captions=True):
    """A stored Video as store_video makes it, without probing the same clip again."""
    video = Video(title=title)
    video.apply_probe(probed(clip), size=clip.stat().st_size)
    with open(clip, "rb") as handle:
        video.file.save(f"upload.{video.container}", File(handle), save=False)
    video.save()
    if captions:
        add_caption(video, SWEDISH_VTT)
    return video
