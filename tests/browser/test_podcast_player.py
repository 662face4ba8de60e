"""A listener plays the first seconds of a free episode, then jumps to a chapter."""

import pytest

from tests.podcasts.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_free_episode_plays_and_chapter_links_seek(live_server, live_tree, browser_page):
    show = PodcastShowPageFactory(
        parent=PodcastIndexPageFactory(parent=live_tree["home"]), title="Kurirens kvart"
    )
    episode = PodcastEpisodePageFactory(
        parent=show, title="Fritt avsnitt", access_level="free", chapters="0:00 Början\n0:40 Frågor"
    )
    page = browser_page
    page.goto(live_server.url + episode.url)
    page.get_by_role("link", name="0:00 Början").click()
    # The file plays (its bytes came through the Range-serving view) past two seconds.
    page.wait_for_function(
        "() => { const a = document.getElementById('episode-audio');"
        " return a && !a.paused && a.currentTime > 2; }",
        timeout=20_000,
    )
    assert 64 < page.evaluate("document.getElementById('episode-audio').duration") < 67
    page.get_by_role("link", name="0:40 Frågor").click()
    page.wait_for_function(
        "() => document.getElementById('episode-audio').currentTime >= 40", timeout=10_000
    )
    # The link seeks the player on the page instead of leaving it.
    assert page.url == live_server.url + episode.url
