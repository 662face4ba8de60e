"""The shapes the API answers with (also its OpenAPI description)."""

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

Level = Literal["free", "metered", "subscribers"]


class Error(Schema):
    detail: str = Field(description="What was wrong, in the site's language (Swedish).")
    code: str = Field(
        description="Stable, for programs: bad_key, rate_limited, not_found, "
        "control_character, bad_request."
    )


class ValidationErrors(Schema):
    """Input that does not fit an operation's parameters (ninja's own answer)."""

    detail: list[dict[str, Any]]


class Link(Schema):
    id: int
    title: str
    slug: str
    url: str


class IssueLink(Schema):
    id: int
    number: int
    title: str
    url: str


class Access(Schema):
    level: Level = Field(
        description="The piece's access level (its own, else the site default for its type)."
    )
    full_text: bool = Field(
        description="True when `body_html` holds the whole body for this caller; false when it "
        "holds the teaser (the first paragraph). The API never uses a metered free read."
    )


class PieceSummary(Schema):
    """What every readable piece (article, blog post, episode, video) has in a list."""

    id: int
    type: str = Field(description="article, blog_post, podcast_episode or webtv_episode.")
    title: str
    slug: str
    url: str
    lead: str
    published_at: dt.datetime | None
    updated_at: dt.datetime | None
    reading_minutes: int
    author: Link | None
    access: Access


class PieceDetail(PieceSummary):
    body_html: str = Field(
        description="The body as HTML (pictures left out), or only the teaser: see access."
    )


class ArticleSummary(PieceSummary):
    section: Link | None
    issue: IssueLink | None


class ArticleDetail(ArticleSummary, PieceDetail):
    pass


class BlogPostSummary(PieceSummary):
    blog: Link | None


class BlogPostDetail(BlogPostSummary, PieceDetail):
    pass


class AudioFile(Schema):
    url: str = Field(
        description="Empty unless this caller may listen. A free episode's address is public "
        "and lasts; a subscriber's is for their account and is checked at every fetch."
    )
    content_type: str
    size: int = Field(description="Bytes.")
    duration_seconds: float


class Chapter(Schema):
    start_seconds: float
    title: str


class EpisodeSummary(PieceSummary):
    show: Link | None
    season_number: int | None
    episode_number: int | None
    explicit: bool
    audio: AudioFile | None = Field(description="Null when the episode has no audio file yet.")


class EpisodeDetail(EpisodeSummary, PieceDetail):
    chapters: list[Chapter]
    guests: list[str]
    transcript: str = Field(description="Empty unless this caller may listen to the episode.")


class Caption(Schema):
    url: str
    language: str
    label: str


class VideoFiles(Schema):
    file_url: str
    content_type: str
    hls_url: str = Field(description="Adaptive streaming (HLS) when made, else empty.")
    width: int
    height: int
    captions: list[Caption]


class VideoSummary(PieceSummary):
    series: Link | None
    duration_seconds: float


class VideoDetail(VideoSummary, PieceDetail):
    video: VideoFiles | None = Field(
        description="Null unless this caller may watch (or when the video has no file)."
    )
    chapters: list[Chapter] = Field(description="Empty unless this caller may watch.")


class PodcastShow(Schema):
    id: int
    title: str
    slug: str
    description: str
    author_name: str
    explicit: bool
    url: str
    feed_url: str = Field(description="The show's public RSS feed (teasers for paid episodes).")


class VideoSeries(Schema):
    id: int
    title: str
    slug: str
    description: str
    url: str


class Issue(Schema):
    id: int
    number: int
    title: str
    publication_date: dt.date
    summary: str
    url: str


class IssueDetail(Issue):
    articles: list[ArticleSummary] = Field(description="The table of contents, in order.")


class Author(Schema):
    id: int
    name: str
    slug: str
    role: str
    bio_html: str
    public_email: str
    url: str


class Section(Schema):
    id: int
    title: str
    slug: str
    intro: str
    url: str


class Page(Schema):
    """One page of a list."""

    count: int = Field(description="How many items match, on every page together.")
    page: int
    page_size: int
    pages: int
    next: str | None = Field(description="The address of the next page, or null.")
    previous: str | None


def page_of(item_schema, name: str):
    """A list answer of `item_schema` items, e.g. ArticleList."""
    return type(name, (Page,), {"__annotations__": {"results": list[item_schema]}})
