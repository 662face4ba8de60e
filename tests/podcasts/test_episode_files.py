"""Episode files: Range answers, signed addresses, who may fetch, downloads counted."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.paywall.conftest import make_user
from utgivare.media import signing
from utgivare.media.addresses import signed_path
from utgivare.media.models import Download, MediaFile


def player_src(client, episode) -> str:
    page = client.get(episode.url).content.decode()
    found = re.search(r'<audio [^>]*src="([^"]+)"', page)
    return found.group(1) if found else ""


def test_free_episode_answers_ranges_like_a_file_server(free_episode):
    client = Client()
    src = player_src(client, free_episode)
    audio = MediaFile.objects.get(pk=free_episode.audio_id)
    data = audio.file.open("rb").read()
    size = len(data)

    whole = client.get(src)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "audio/mpeg"
    assert int(whole["Content-Length"]) == size

    part = client.get(src, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{size}"
    assert b"".join(part.streaming_content) == data[100:200]

    tail = client.get(src, HTTP_RANGE="bytes=-500")
    assert tail.status_code == 206
    assert tail["Content-Range"] == f"bytes {size - 500}-{size - 1}/{size}"
    assert b"".join(tail.streaming_content) == data[-500:]

    impossible = client.get(src, HTTP_RANGE=f"bytes={size}-")
    assert impossible.status_code == 416
    assert impossible["Content-Range"] == f"bytes */{size}"

    head = client.head(src, HTTP_RANGE="bytes=0-9")
    assert head.status_code == 206 and head["Content-Length"] == "10"
    assert head.content == b""


def test_paid_episode_plays_for_a_subscriber_and_never_for_a_copied_address(
    paid_episode, listener, lapsed
):
    assert player_src(Client(), paid_episode) == ""  # no player without access
    src = player_src(listener.client, paid_episode)
    assert src
    assert listener.client.get(src, HTTP_RANGE="bytes=0-9").status_code == 206
    # Anyone holding the subscriber's address gets it only while the subscription covers it.
    assert Client().get(src, HTTP_RANGE="bytes=0-9").status_code == 206

    # A lapsed reader's own signed address is refused: the entitlement is asked again.
    expires = timezone.now() + dt.timedelta(hours=2)
    copied = signed_path(paid_episode.audio, f"u{lapsed.pk}", expires)
    assert Client().get(copied).status_code == 403
    # A public address never reaches a paid file.
    assert Client().get(signed_path(paid_episode.audio, "p", None)).status_code == 403


def test_tampered_or_expired_addresses_are_refused(paid_episode, listener):
    audio = paid_episode.audio
    past = timezone.now() - dt.timedelta(seconds=1)
    assert Client().get(signed_path(audio, f"u{listener.pk}", past)).status_code == 403
    good = signed_path(audio, f"u{listener.pk}", timezone.now() + dt.timedelta(hours=1))
    token = good.split("/")[2]
    file_id, subject, stamp, signature = token.split(".")
    for changed in (
        f"{file_id}.u{listener.pk + 1}.{stamp}.{signature}",
        f"{file_id}.{subject}.{int(stamp) + 86400}.{signature}",
        # The signature's last character changed (to "0", or to "1" when it was "0").
        f"{file_id}.{subject}.{stamp}.{signature[:-1]}{'1' if signature[-1] == '0' else '0'}",
    ):
        assert Client().get(good.replace(token, changed)).status_code == 403
    assert signing.verify(token, timezone.now())


@pytest.mark.parametrize("level", ["metered"])
def test_a_metered_read_gets_a_short_lived_address(show, level):
    from tests.podcasts.factories import PodcastEpisodePageFactory

    episode = PodcastEpisodePageFactory(parent=show, access_level=level)
    src = player_src(Client(), episode)
    grant = signing.verify(src.split("/")[2], timezone.now())
    assert grant.subject == "m"
    assert grant.expires - timezone.now().timestamp() < 8 * 3600


def test_downloads_count_once_per_listener_a_day_and_not_for_probes(free_episode):
    src = player_src(Client(), free_episode)
    app = Client(HTTP_USER_AGENT="AntennaPod/3.4", REMOTE_ADDR="203.0.113.9")
    other = Client(HTTP_USER_AGENT="Overcast/1.0", REMOTE_ADDR="203.0.113.9")
    assert app.get(src, HTTP_RANGE="bytes=0-1").status_code == 206  # a probe
    assert Download.objects.count() == 0
    for _ in range(3):
        b"".join(app.get(src).streaming_content)
    b"".join(other.get(src).streaming_content)
    assert Download.objects.count() == 2
    stored = set(Download.objects.values_list("listener", flat=True))
    assert not any("203.0.113" in value for value in stored)

    admin = Client()
    admin.force_login(make_user(is_staff=True, is_superuser=True))
    listing = admin.get("/admin/poddradio/nedladdningar/").content.decode()
    assert re.search(r"Fritt avsnitt</td><td>2</td><td>2</td>", listing)
