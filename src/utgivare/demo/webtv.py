"""The demo's web-TV: the series "Kurirens kvart i bild" with a free and a paid video.

`load_webtv(home)` is called by `utgivare load_demo` after the podcast. The clips
are made here with the ffmpeg binary that imageio-ffmpeg ships (a four-second test
picture and tone, 320x180), so no video file is kept in the repository; the texts
and Swedish captions are in content/webtv/. Does nothing if a web-TV index exists.
The HLS ladder is made by the background task once the demo's transaction commits.
"""

import json
import subprocess
import tempfile
from pathlib import Path

from django.core.files.images import ImageFile
from wagtail.images.models import Image

from utgivare.webtv import probe
from utgivare.webtv.models import VideoPage, WebTvIndexPage, WebTvSeriesPage
from utgivare.webtv.storing import add_caption, store_video

from .blogs import _publish
from .content import CONTENT_DIR, ContentError, body_data, parse_time, read_markdown

WEBTV_DIR = CONTENT_DIR / "webtv"
CLIP_SECONDS = 4
CLIP_SIZE = "320x180"


def make_clip(folder: Path, pattern: str, tone: int) -> tuple[Path, Path]:
    """(clip.mp4, poster.jpg): a short H.264/AAC test clip and its middle frame."""
    ffmpeg = probe.ffmpeg_exe()
    clip, poster = folder / "klipp.mp4", folder / "affisch.jpg"
    picture = f"{pattern}=size={CLIP_SIZE}:rate=25:duration={CLIP_SECONDS}"
    sound = f"sine=frequency={tone}:duration={CLIP_SECONDS}"
    run = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
    subprocess.run(  # noqa: S603 - a fixed binary and arguments we built
        [ffmpeg, *run, "-f", "lavfi", "-i", picture, "-f", "lavfi", "-i", sound]
        + ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]
        + ["-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", str(clip)],
        check=True,
        timeout=120,
    )
    subprocess.run(  # noqa: S603
        [ffmpeg, *run, "-ss", "2", "-i", str(clip), "-frames:v", "1", str(poster)],
        check=True,
        timeout=60,
    )
    return clip, poster


def _chapters(text: str) -> list[dict]:
    """ "0:00 Inledning | 0:02 Hamnen" as chapter blocks."""
    blocks = []
    for part in filter(None, (piece.strip() for piece in text.split("|"))):
        start, _, title = part.partition(" ")
        blocks.append({"type": "chapter", "value": {"start": start, "title": title.strip()}})
    return blocks


def load_webtv(home, directory: Path = WEBTV_DIR):
    if WebTvIndexPage.objects.exists():
        return None
    source, description = read_markdown(directory / "series.md", ("title", "slug"))
    index = _publish(
        home,
        WebTvIndexPage(
            title=source["index_title"],
            slug=source["index_slug"],
            intro=source["index_intro"],
            show_in_menus=True,
        ),
    )
    series = _publish(
        index,
        WebTvSeriesPage(
            title=source["title"], slug=source["slug"], description=description.strip()
        ),
    )
    pages = []
    for path in sorted((directory / "videos").glob("*.md")):
        meta, body = read_markdown(path, ("title", "slug", "access", "published", "lead"))
        captions_path = path.with_suffix(".sv.vtt")
        if not captions_path.is_file():
            raise ContentError(f"{path.name}: textningen {captions_path.name} saknas")
        with tempfile.TemporaryDirectory() as folder:
            clip, poster_path = make_clip(
                Path(folder), meta.get("pattern", "testsrc"), int(meta.get("tone", 440))
            )
            video = store_video(clip, meta["title"])
            with poster_path.open("rb") as handle:
                poster = Image(title=meta["title"])
                poster.file = ImageFile(handle, name=f"{meta['slug']}.jpg")
                poster._set_image_file_metadata()
                poster.save()
        add_caption(video, captions_path.read_bytes())
        published = parse_time(meta["published"])
        pages.append(
            _publish(
                series,
                VideoPage(
                    title=meta["title"],
                    slug=meta["slug"],
                    lead=meta["lead"],
                    body=json.dumps(body_data(body)),
                    date=published,
                    access_level=meta["access"],
                    video=video,
                    poster=poster,
                    chapters=json.dumps(_chapters(meta.get("chapters", ""))),
                ),
                when=published,
            )
        )
    return {"index": index, "series": series, "videos": pages}
