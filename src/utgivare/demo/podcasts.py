"""The demo's podcast "Kurirens kvart": a free and a subscribers-only episode.

`load_podcasts(home)` is called by `utgivare load_demo` after the blogs. The audio is
synthesised and encoded to MP3 here (media.synth, lameenc), so no audio file is kept
in the repository. Does nothing if a podcast index exists; always makes sure the demo
subscriber has a private feed.
"""

import json
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model

from utgivare.media.storing import store_audio
from utgivare.media.synth import mp3_bytes
from utgivare.podcasts.models import (
    PodcastEpisodePage,
    PodcastIndexPage,
    PodcastShowPage,
    PrivateFeed,
)

from .blogs import _publish
from .content import CONTENT_DIR, body_data, parse_time, read_markdown

PODCAST_DIR = CONTENT_DIR / "podcasts"
SUBSCRIBER_USERNAME = "prenumerant"


def _audio(title: str, seconds: float, tone: float):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "avsnitt.mp3"
        path.write_bytes(mp3_bytes(seconds, base_hz=tone))
        return store_audio(path, title)


def load_podcasts(home, directory: Path = PODCAST_DIR):
    subscriber = get_user_model().objects.filter(username=SUBSCRIBER_USERNAME).first()
    if subscriber is not None:
        PrivateFeed.objects.get_or_create(user=subscriber)
    if PodcastIndexPage.objects.exists():
        return None
    source, description = read_markdown(directory / "show.md", ("title", "slug"))
    index = _publish(
        home,
        PodcastIndexPage(
            title=source["index_title"],
            slug=source["index_slug"],
            intro=source["index_intro"],
            show_in_menus=True,
        ),
    )
    show = _publish(
        index,
        PodcastShowPage(
            title=source["title"],
            slug=source["slug"],
            description=description.strip(),
            author_name=source.get("author", ""),
            category=source.get("category", "News"),
        ),
    )
    episodes = []
    for path in sorted((directory / "episodes").glob("*.md")):
        meta, notes = read_markdown(path, ("title", "slug", "access", "published", "lead"))
        published = parse_time(meta["published"])
        transcript = path.with_suffix(".vtt")
        episodes.append(
            _publish(
                show,
                PodcastEpisodePage(
                    title=meta["title"],
                    slug=meta["slug"],
                    lead=meta["lead"],
                    body=json.dumps(body_data(notes)),
                    date=published,
                    access_level=meta["access"],
                    season_number=int(meta["season"]) if meta.get("season") else None,
                    episode_number=int(meta["episode"]) if meta.get("episode") else None,
                    guests="\n".join(g.strip() for g in meta.get("guests", "").split(",")),
                    chapters="\n".join(c.strip() for c in meta.get("chapters", "").split("|")),
                    transcript=transcript.read_text(encoding="utf-8")
                    if transcript.exists()
                    else "",
                    audio=_audio(
                        meta["title"], float(meta.get("seconds", 70)), float(meta.get("tone", 180))
                    ),
                ),
                when=published,
            )
        )
    return {"index": index, "show": show, "episodes": episodes}
