"""Which videos a body may show, and how: a plain decision on an address.

Only two providers, by their exact hosts: YouTube (shown from
youtube-nocookie.com, which sets no cookie until the reader plays the video)
and Vimeo (with dnt=1, "do not track"). Anything else, any other scheme or a
malformed id, is not a video here (`None`): the importer keeps such an
embed as a link, and the editor's form refuses it. The id is checked
character by character, so what we put into the player's address is only
ever letters, digits, '-' and '_'.
"""

import dataclasses
import re
from urllib.parse import parse_qs, urlsplit

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
YOUTUBE_EMBED_HOSTS = YOUTUBE_HOSTS | {"youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}


@dataclasses.dataclass(frozen=True)
class Video:
    provider: str  # "YouTube" or "Vimeo", shown to readers
    video_id: str

    @property
    def player_url(self) -> str:
        if self.provider == "YouTube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"

    @property
    def watch_url(self) -> str:
        if self.provider == "YouTube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"


def video_for(address: str) -> Video | None:
    """The YouTube or Vimeo video an address (page, short link or player) shows, or None."""
    try:
        parts = urlsplit((address or "").strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password:
        return None
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    candidate, provider = "", ""
    if host in YOUTUBE_HOSTS and segments == ["watch"]:
        candidate, provider = parse_qs(parts.query).get("v", [""])[0], "YouTube"
    elif host in YOUTUBE_EMBED_HOSTS and len(segments) == 2 and segments[0] in ("embed", "shorts"):
        candidate, provider = segments[1], "YouTube"
    elif host == "youtu.be" and len(segments) == 1:
        candidate, provider = segments[0], "YouTube"
    elif host in VIMEO_HOSTS and len(segments) == 1:
        candidate, provider = segments[0], "Vimeo"
    elif host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
        candidate, provider = segments[1], "Vimeo"
    pattern = YOUTUBE_ID if provider == "YouTube" else VIMEO_ID
    if provider and pattern.match(candidate):
        return Video(provider, candidate)
    return None
