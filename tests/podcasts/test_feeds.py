"""Public show feeds: valid RSS with itunes: and podcast: tags, what paid episodes hide."""

import feedparser
from django.test import Client

from utgivare.media.models import MediaFile

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_public_feed_lists_free_episodes_with_their_file_and_paid_ones_without(
    show, free_episode, paid_episode
):
    response = Client().get(show.feed_url())
    feed = parsed(response)
    body = response.content.decode()
    assert feed.feed.title == "Kurirens kvart"
    assert "<itunes:explicit>false</itunes:explicit>" in body
    assert feed.feed.podcast_guid == str(show.show_guid)
    for tag in ("<itunes:author>", "<itunes:category", "<podcast:locked>no", "<itunes:type>"):
        assert tag in body
    entries = {entry.title: entry for entry in feed.entries}
    free, paid = entries["Fritt avsnitt"], entries["Betalt avsnitt"]

    assert free.id == str(free_episode.episode_guid)
    [enclosure] = free.enclosures
    audio = MediaFile.objects.get(pk=free_episode.audio_id)
    assert int(enclosure.length) == audio.size == audio.file.size
    assert enclosure.type == "audio/mpeg"
    assert free.itunes_duration == str(round(audio.duration_seconds))
    assert free.itunes_episode == str(free_episode.episode_number)
    assert "podcast:transcript" in body and 'type="text/vtt"' in body
    assert "podcast:chapters" in body

    # The file behind the enclosure is the one described, byte for byte.
    served = Client().get(enclosure.href)
    assert b"".join(served.streaming_content) == audio.file.open("rb").read()

    assert paid.enclosures == []
    assert "Shownotes bara för prenumeranter." not in body
    assert "Utskrift bara för prenumeranter." not in body
    assert "Öppna shownotes." in paid.description
    assert response.headers["Cache-Control"].startswith("public")


def test_an_episode_keeps_its_guid_when_edited_moved_in_time_and_republished(show, free_episode):
    before = parsed(Client().get(show.feed_url())).entries[0].id
    page = free_episode.specific
    page.title = "Nytt namn på avsnittet"
    page.slug = "nytt-namn"
    page.episode_number = 42
    page.save_revision().publish()
    after = parsed(Client().get(show.feed_url())).entries[0]
    assert after.title == "Nytt namn på avsnittet"
    assert after.id == before == str(free_episode.episode_guid)


def test_chapters_json_lists_start_times(free_episode):
    response = Client().get(f"/poddradio-floden/kapitel/{free_episode.pk}.json")
    assert response.json()["chapters"] == [
        {"startTime": 0, "title": "Inledning"},
        {"startTime": 30, "title": "Frågor"},
    ]
