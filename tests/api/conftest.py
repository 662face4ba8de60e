import json

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    IssuePageFactory,
    SectionPageFactory,
    paragraph,
    site_tree,
)
from tests.paywall.conftest import make_user
from tests.podcasts.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    stored_audio,
)
from tests.subscriptions.factories import SubscriptionFactory
from tests.webtv.factories import VideoPageFactory, WebTvIndexPageFactory, WebTvSeriesPageFactory
from utgivare.api import tokens
from utgivare.webtv.models import Video
from utgivare.webtv.storing import add_caption

OPEN = "Öppet första stycke som alla får läsa."
HIDDEN = "Dold mening som bara prenumeranter får läsa."


def body():
    return json.dumps([paragraph(OPEN), {"type": "heading", "value": "Del ett"}, paragraph(HIDDEN)])


@pytest.fixture(scope="module")
def api_site(django_db_setup, django_db_blocker):
    """Built once per module (pages are slow to make) and rolled back after it.

    Mark the module `xdist_group` so one worker builds it once."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site(api_site, db):
    """The module's site, for a test that may change rows (rolled back after the test)."""
    return api_site


def build_site():
    """Two sections, two authors, an issue, articles at every level, a blog with posts,
    and the API keys of a subscriber and of a reader without a subscription."""
    tree = site_tree()
    home = tree["home"]
    first = tree["sections"][0]
    second = SectionPageFactory(parent=home, title="Kultur", slug="kultur")
    karin = AuthorPageFactory(parent=tree["authors"], title="Karin Lund", slug="karin-lund")
    omar = AuthorPageFactory(parent=tree["authors"], title="Omar Said", slug="omar-said")
    issue = IssuePageFactory(parent=tree["issues"], number=179)
    when = timezone.now()
    articles = {
        "free": ArticlePageFactory(
            parent=first, author=karin, access_level="free", issue=issue, body=body()
        ),
        "metered": ArticlePageFactory(parent=first, author=karin, issue=issue, body=body()),
        "paid": ArticlePageFactory(
            parent=second, author=omar, access_level="subscribers", body=body()
        ),
    }
    for age, article in enumerate(articles.values()):
        # Distinct dates, oldest last: "newest" order is free, metered, paid.
        article.first_published_at = when - timezone.timedelta(days=age)
        type(article).objects.filter(pk=article.pk).update(
            first_published_at=article.first_published_at
        )
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=home), title="Karins blogg", slug="karin", writer=karin
    )
    posts = {
        "metered": BlogPostPageFactory(parent=blog, title="Om protokollen", body=body()),
        "paid": BlogPostPageFactory(
            parent=blog, title="Om hyrorna", access_level="subscribers", body=body()
        ),
    }
    subscriber = make_user()
    SubscriptionFactory(user=subscriber)
    show = PodcastShowPageFactory(
        parent=PodcastIndexPageFactory(parent=home), title="Kurirens kvart", slug="kvarten"
    )
    audio = stored_audio()  # one file for both: storing one is the slow part
    episodes = {
        "free": PodcastEpisodePageFactory(
            parent=show,
            audio=audio,
            access_level="free",
            body=body(),
            transcript=f"Fri utskrift. {HIDDEN}",
            date=when - timezone.timedelta(days=3),
        ),
        "paid": PodcastEpisodePageFactory(
            parent=show,
            audio=audio,
            access_level="subscribers",
            body=body(),
            transcript=f"Utskrift. {HIDDEN}",
            date=when,
        ),
    }
    series = WebTvSeriesPageFactory(
        parent=WebTvIndexPageFactory(parent=home), title="Fullmäktige", slug="fullmaktige"
    )
    video = api_test_video()
    chapters = json.dumps([{"type": "chapter", "value": {"start": "0:01", "title": HIDDEN}}])
    videos = {
        level: VideoPageFactory(
            parent=series,
            access_level=level,
            video=video,
            body=body(),
            chapters=chapters,
            date=when - timezone.timedelta(days=age),
        )
        for age, level in enumerate(["free", "subscribers"])
    }
    return {
        "show": show,
        "episodes": episodes,
        "series": series,
        "videos": {"free": videos["free"], "paid": videos["subscribers"]},
        "sections": [first, second],
        "authors": {"karin": karin, "omar": omar},
        "issue": issue,
        "articles": articles,
        "blog": blog,
        "posts": posts,
        "subscriber_key": tokens.create(subscriber, timezone.now())[1],
        "reader_key": tokens.create(make_user(), timezone.now())[1],
    }


def api_test_video():
    """A stored video with one caption track; the bytes need not play here."""
    video = Video(title="Klipp", container="mp4", duration=4, width=160, height=90, size=16)
    video.file.save("upload.mp4", ContentFile(b"\x00" * 16), save=False)
    video.save()
    add_caption(video, b"WEBVTT\n\n00:00.000 --> 00:02.000\nTextrad.\n")
    return video


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
