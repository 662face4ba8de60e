"""A video's file, captions and HLS reach exactly the readers the page lets in:
Range answers for seeking, signed addresses that expire and cannot be altered."""

import datetime as dt
import re

from django.test import Client

from tests.factories import ArticlePageFactory
from utgivare.webtv import addresses

SOURCE = re.compile(r'<source src="(/videofiler/[^"]+)" type="video/mp4">')
TRACK = re.compile(r'<track kind="subtitles" src="([^"]+)" srclang="sv"')


def file_address(client, page):
    body = client.get(page.url).content.decode()
    match = SOURCE.search(body)
    return match.group(1) if match else None


def over_quota(client, tree):
    for number in range(3):
        ArticlePageFactory(parent=tree["sections"][0], title=f"Fyllnad {number}")
    for page in tree["sections"][0].get_children().live().specific():
        client.get(page.url)
    return client


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_range_requests_answer_206_suffix_and_416(client, videos, clips, clock):
    url = file_address(client, videos["free"])
    whole = clips["mp4"].read_bytes()

    first = client.get(url, HTTP_RANGE="bytes=0-99")
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-99/{len(whole)}"
    assert first["Content-Type"] == "video/mp4" and first["Accept-Ranges"] == "bytes"
    assert content(first) == whole[:100]

    tail = client.get(url, HTTP_RANGE="bytes=-50")
    assert tail.status_code == 206 and content(tail) == whole[-50:]

    beyond = client.get(url, HTTP_RANGE=f"bytes={len(whole)}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(whole)}"

    full = client.get(url)
    assert full.status_code == 200 and content(full) == whole
    # A free video's address is the same for everyone: shared caches may keep it.
    assert "public" in full["Cache-Control"]


def test_paid_video_is_refused_to_a_reader_over_quota_and_served_to_a_subscriber(
    videos, tree, subscriber, reader, clock
):
    anonymous = over_quota(Client(), tree)
    logged_in = Client()
    logged_in.force_login(reader)
    over_quota(logged_in, tree)
    for someone in (anonymous, logged_in):
        for what in ("paid", "metered"):
            body = someone.get(videos[what].url).content.decode()
            assert "paywall-box" in body
            assert "/videofiler/" not in body and "<video" not in body

    subscribed = Client()
    subscribed.force_login(subscriber)
    page = subscribed.get(videos["paid"].url).content.decode()
    url = SOURCE.search(page).group(1)
    answer = subscribed.get(url)
    assert answer.status_code == 200
    assert content(answer) == videos["video"].file.open("rb").read()
    assert "private" in answer["Cache-Control"]
    caption = subscribed.get(TRACK.search(page).group(1))
    assert caption.status_code == 200 and "Hej och välkommen" in content(caption).decode()

    # A token a metered reader would get never opens a subscribers-only video.
    forged = addresses.folder(addresses.token_for(videos["paid"].pk, "m", clock.now, 1))
    assert anonymous.get(forged + "video.mp4").status_code == 403


def test_a_copied_address_stops_after_expiry_and_cannot_be_altered(videos, subscriber, clock):
    subscribed = Client()
    subscribed.force_login(subscriber)
    url = file_address(subscribed, videos["paid"])
    stranger = Client()
    assert stranger.get(url).status_code == 200  # a copied address works until it expires

    token = url.split("/")[2]
    page_id, subject, expires, signature = token.split(".")
    for altered in (
        f"{page_id}.{subject}.{int(expires) + 86400}.{signature}",
        f"{videos['metered'].pk}.{subject}.{expires}.{signature}",
        f"{page_id}.u999.{expires}.{signature}",
        # The signature's last character changed (to "0", or to "1" when it was "0").
        f"{page_id}.{subject}.{expires}.{signature[:-1]}{'1' if signature[-1] == '0' else '0'}",
    ):
        assert stranger.get(url.replace(token, altered)).status_code == 403, altered

    clock.now += addresses.grant_lifetime(videos["video"].duration) + dt.timedelta(seconds=1)
    expired = stranger.get(url)
    assert expired.status_code == 403
    assert "gått ut" in expired.content.decode()


def test_a_free_address_stops_when_the_video_becomes_paid(client, videos, clock):
    url = file_address(client, videos["free"])
    assert client.get(url, HTTP_RANGE="bytes=0-1").status_code == 206
    page = videos["free"]
    page.access_level = "subscribers"
    page.save_revision().publish()
    assert client.get(url).status_code == 403


def test_only_the_videos_own_files_are_served(client, videos, clock):
    folder = file_address(client, videos["free"]).rsplit("/", 1)[0]
    # No HLS yet, no such caption, no other names, no way out of the folder.
    for name in ["../video.mp4", "hls/master.m3u8", "textning/999.vtt", "x.mp4", "video.webm"]:
        assert client.get(f"{folder}/{name}").status_code == 404, name
