"""Web-TV in Chromium: a free video plays for anyone; a paid one is refused to a reader
over quota and plays for a subscriber."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import ArticlePageFactory
from tests.paywall.conftest import make_user, subscriber  # noqa: F401 - fixture
from tests.webtv.factories import (
    VideoPageFactory,
    WebTvIndexPageFactory,
    WebTvSeriesPageFactory,
    make_clip,
    stored_video,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def channel(live_server, live_tree, tmp_path):
    tree = live_tree
    video = stored_video(make_clip(tmp_path / "klipp.mp4", seconds=2))
    series = WebTvSeriesPageFactory(parent=WebTvIndexPageFactory(parent=tree["home"]))
    return {
        "url": live_server.url,
        "free": VideoPageFactory(parent=series, title="Fri film", video=video, access_level="free"),
        "paid": VideoPageFactory(
            parent=series, title="Betald film", video=video, access_level="subscribers"
        ),
        "articles": [
            ArticlePageFactory(parent=tree["sections"][0], title=f"Artikel {n}") for n in range(3)
        ],
    }


def plays(page):
    """Start the video (muted, as browsers allow without a click) and see time pass."""
    video = page.locator("video[data-webtv-player]")
    expect(video).to_be_visible()
    page.evaluate("document.querySelector('video').muted = true")
    page.evaluate("document.querySelector('video').play()")
    page.wait_for_function("document.querySelector('video').currentTime > 0.5", timeout=10_000)
    tracks = page.evaluate(
        "[...document.querySelector('video').textTracks].map(t => [t.language, t.mode])"
    )
    assert tracks == [["sv", "showing"]]  # Swedish captions on by default


def test_free_video_plays_paid_video_is_refused_over_quota_and_plays_for_subscriber(
    browser_page,
    channel,
    subscriber,  # noqa: F811
):
    page = browser_page
    base = channel["url"]
    for article in channel["articles"]:
        page.goto(base + article.url)  # the month's free reads, used up

    page.goto(base + channel["free"].url)
    plays(page)

    page.goto(base + channel["paid"].url)
    expect(page.locator(".paywall-box")).to_be_visible()
    expect(page.locator("video")).to_have_count(0)

    # The subscriber's session, in a browser context of its own.
    client = Client()
    client.force_login(subscriber)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = page.context.browser.new_context(locale="sv-SE")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    subscribed = context.new_page()
    subscribed.goto(base + channel["paid"].url)
    expect(subscribed.locator(".paywall-box")).to_have_count(0)
    plays(subscribed)
    context.close()
