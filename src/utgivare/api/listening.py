"""Podcast episodes and web-TV videos in the API: two more `PieceKind`s, plus their
shows and series.

Show notes and a video's text are the piece's `body` and go through
pieces.detail like any body. What else only a reader with access gets is
decided here from the same `readers.body_decision`:

- a file address (episode audio; video file, HLS and captions): a free piece
  carries its public address (subject "p", never expires, the same for every
  caller, so a shared cache may keep it); a key whose subscription covers the
  piece (or staff) gets an address for that account, asked again at every fetch;
  anyone else gets none. The API never hands out a meter address ("m");
- a transcript, and a video's chapters (the video page shows them only with the
  player). An episode's chapters and guests are on its page for every reader,
  so they are here for every caller too.
"""

import datetime as dt

from pydantic import Field

from utgivare.paywall import access as paywall_access
from utgivare.podcasts import player as podcast_player
from utgivare.podcasts.models import PodcastEpisodePage, PodcastShowPage
from utgivare.publication.models import with_parents
from utgivare.webtv import addresses as video_addresses
from utgivare.webtv import hls
from utgivare.webtv.models import VideoPage, WebTvSeriesPage

from . import readers, schemas
from .listing import SLUG
from .pages import PageKind
from .pieces import PieceFilters, PieceKind, Reading, below, link


def address_subject(decision, caller: readers.Caller) -> str | None:
    """Whose file address this caller may be given, or None (no address at all)."""
    if not decision.full:
        return None
    if decision.reason == paywall_access.FREE:
        return "p"
    if caller.authenticated and decision.reason in (
        paywall_access.SUBSCRIBER,
        paywall_access.STAFF,
    ):
        return f"u{caller.token.user_id}"
    return None


def decision_for(piece, reading: Reading):
    # Summary and detail ask for the same piece; decide once per piece per request.
    cache = piece.__dict__.setdefault("_api_decision", {})
    if "d" not in cache:
        cache["d"] = readers.body_decision(
            reading.caller, piece, reading.paywall_settings, reading.now
        )
    return cache["d"]


def absolute(reading: Reading, path: str) -> str:
    return reading.request.build_absolute_uri(path) if path else ""


# --- Podcast episodes ---------------------------------------------------------------------


class EpisodeFilters(PieceFilters):
    show: str | None = Field(None, max_length=255, pattern=SLUG, description="The show's slug.")


def filter_episodes(queryset, filters, reading):
    if filters.show:
        queryset = below(queryset, PodcastShowPage.objects.filter(slug=filters.show))
    return queryset


def audio_fields(episode, reading: Reading) -> dict | None:
    if episode.audio_id is None:
        return None
    subject = address_subject(decision_for(episode, reading), reading.caller)
    audio = episode.audio
    return {
        "url": absolute(reading, podcast_player.audio_path(episode, subject, reading.now)),
        "content_type": audio.mime_type,
        "size": audio.size,
        "duration_seconds": audio.duration_seconds,
    }


def episode_fields(episode, reading: Reading) -> dict:
    return {
        "show": link(episode.show, reading),
        "season_number": episode.season_number,
        "episode_number": episode.episode_number,
        "explicit": episode.explicit,
        "audio": audio_fields(episode, reading),
    }


def episode_detail_fields(episode, reading: Reading) -> dict:
    full = decision_for(episode, reading).full
    return {
        "chapters": [
            {"start_seconds": chapter.start_seconds, "title": chapter.title}
            for chapter in episode.chapter_list
        ],
        "guests": episode.guest_list,
        # Like the page: only for a caller who may listen to the episode.
        "transcript": episode.transcript if full else "",
    }


EPISODES = PieceKind(
    name="podcast_episode",
    path="podcast-episodes",
    tag="Podcast episodes",
    model=PodcastEpisodePage,
    summary_schema=schemas.EpisodeSummary,
    detail_schema=schemas.EpisodeDetail,
    filters_schema=EpisodeFilters,
    date_field="date",
    select_related=("audio",),
    # Episodes have no byline: no episode is any author's.
    by_author=lambda episodes, slug: episodes.none(),
    filter_own=filter_episodes,
    prepare=lambda episodes, reading: with_parents(episodes, PodcastShowPage, attribute="show"),
    own_fields=episode_fields,
    detail_fields=episode_detail_fields,
    description="Filters combine: show, access, since, until. `body_html` holds the show "
    "notes; `audio.url` is empty unless this caller may listen.",
)


# --- Web-TV videos ------------------------------------------------------------------------


class VideoFilters(PieceFilters):
    series: str | None = Field(None, max_length=255, pattern=SLUG, description="The series' slug.")


def filter_videos(queryset, filters, reading):
    if filters.series:
        queryset = below(queryset, WebTvSeriesPage.objects.filter(slug=filters.series))
    return queryset


def video_fields(page, reading: Reading) -> dict:
    video = page.video
    return {
        "series": link(page.__dict__.get("api_series"), reading),
        "duration_seconds": video.duration if video else 0,
    }


def video_files(page, reading: Reading) -> dict | None:
    """The addresses of the file, its HLS and its captions, or None without access."""
    video = page.video
    subject = address_subject(decision_for(page, reading), reading.caller)
    if subject is None or video is None or not video.file:
        return None
    # From the start of the hour: the same key gets the same addresses (and ETag) for an
    # hour, and the grant still lasts at least as long as on the page.
    since = reading.now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    token = video_addresses.token_for(page.pk, subject, since, video.duration)
    base = video_addresses.folder(token)
    return {
        "file_url": absolute(reading, base + video.file_name),
        "content_type": video.content_type,
        "hls_url": absolute(reading, f"{base}hls/{hls.MASTER}") if video.hls_ready else "",
        "width": video.width,
        "height": video.height,
        "captions": [
            {
                "url": absolute(reading, f"{base}textning/{caption.pk}.vtt"),
                "language": caption.language,
                "label": caption.display_label,
            }
            for caption in video.captions.all()
        ],
    }


def video_detail_fields(page, reading: Reading) -> dict:
    files = video_files(page, reading)
    return {
        "video": files,
        # The page shows the chapters with the player only.
        "chapters": [
            {"start_seconds": chapter["seconds"], "title": chapter["title"]}
            for chapter in page.chapter_list()
        ]
        if files is not None
        else [],
    }


VIDEOS = PieceKind(
    name="video",
    path="videos",
    tag="Videos",
    model=VideoPage,
    summary_schema=schemas.VideoSummary,
    detail_schema=schemas.VideoDetail,
    filters_schema=VideoFilters,
    date_field="date",
    select_related=("video",),
    by_author=lambda videos, slug: videos.none(),
    filter_own=filter_videos,
    prepare=lambda videos, reading: with_parents(videos, WebTvSeriesPage, attribute="api_series"),
    own_fields=video_fields,
    detail_fields=video_detail_fields,
    description="Filters combine: series, access, since, until. `video` (file, HLS and "
    "captions) is null unless this caller may watch.",
)


# --- Shows and series ---------------------------------------------------------------------


def show_fields(show, reading) -> dict:
    return {
        "id": show.pk,
        "title": show.title,
        "slug": show.slug,
        "description": show.description,
        "author_name": show.author_name,
        "explicit": show.explicit,
        "url": reading.url(show),
        "feed_url": absolute(reading, show.feed_url()) if reading.url(show) else "",
    }


def series_fields(series, reading) -> dict:
    return {
        "id": series.pk,
        "title": series.title,
        "slug": series.slug,
        "description": series.description,
        "url": reading.url(series),
    }


SHOWS = PageKind(
    name="podcast_show",
    path="podcast-shows",
    tag="Podcast shows",
    model=PodcastShowPage,
    schema=schemas.PodcastShow,
    fields=show_fields,
    order=("title", "pk"),
)

SERIES = PageKind(
    name="video_series",
    path="video-series",
    tag="Video series",
    model=WebTvSeriesPage,
    schema=schemas.VideoSeries,
    fields=series_fields,
    order=("path",),
)
