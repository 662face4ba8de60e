"""The episode page without JavaScript: player, chapters that seek, transcript, comments,
JSON-LD; and the show and index pages around it."""

import json
import re

from django.test import Client


def json_ld(page):
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(script)


def test_free_episode_page_plays_seeks_and_shows_transcript_and_comments(show, free_episode):
    page = Client().get(free_episode.url).content.decode()
    src = re.search(r'<audio controls preload="metadata" src="([^"]+)"', page).group(1)
    assert f'href="{src}#t=30"' in page  # "0:30 Frågor" opens the file at 30 s
    assert "Fri utskrift." in page
    assert 'id="kommentarer"' in page or "Lämna en kommentar" in page
    data = json_ld(page)
    assert data["@type"] == "PodcastEpisode"
    assert data["partOfSeries"]["name"] == "Kurirens kvart"
    assert data["isAccessibleForFree"] is True
    assert data["associatedMedia"]["contentUrl"].endswith(src)

    index = Client().get("/poddradio/").content.decode()
    assert "Kurirens kvart" in index and "Fritt avsnitt" in index
    home = Client().get("/").content.decode()
    assert 'href="/poddradio/"' in home  # the menu entry "Poddradio"
    assert "Fritt avsnitt" in Client().get(show.url).content.decode()


def test_paid_episode_page_offers_the_teaser_and_no_file(paid_episode, listener):
    page = Client().get(paid_episode.url).content.decode()
    assert "<audio" not in page
    assert "Öppna shownotes." in page
    assert "Shownotes bara för prenumeranter." not in page
    assert "Utskrift bara för prenumeranter." not in page
    assert "paywall-box" in page
    data = json_ld(page)
    assert data["isAccessibleForFree"] is False and "contentUrl" not in data["associatedMedia"]

    page = listener.client.get(paid_episode.url).content.decode()
    assert "<audio" in page
    assert "Shownotes bara för prenumeranter." in page
    assert "Utskrift bara för prenumeranter." in page
