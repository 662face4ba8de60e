"""A subscriber's private feed: every episode, signed files, regenerate, revoke, lapse."""

import datetime as dt
import io

import feedparser
from django.test import Client
from django.utils import timezone

from tests.paywall.conftest import make_user
from tests.podcasts.conftest import subscribe
from utgivare.podcasts.models import PrivateFeed


def feed_url(feed, show):
    return f"/poddradio-floden/privat/{feed.token}/{show.slug}/"


def parsed(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_mitt_konto_gives_a_feed_with_every_episode_and_working_files(
    show, free_episode, paid_episode, listener
):
    page = listener.client.get("/konto/")
    assert "Skapa mitt privata poddflöde" in page.content.decode()
    listener.client.post("/poddradio-floden/konto/nytt-flode/")
    feed = PrivateFeed.objects.get(user=listener)
    url = feed_url(feed, show)
    assert url in listener.client.get("/konto/").content.decode()

    parsed_feed = parsed(url)
    assert "Pia Prenumerant" in parsed_feed.feed.title
    assert parsed_feed.feed.podcast_locked == "yes"
    titles = {entry.title: entry for entry in parsed_feed.entries}
    assert set(titles) == {"Fritt avsnitt", "Betalt avsnitt"}
    paid = titles["Betalt avsnitt"]
    assert paid.id == str(paid_episode.episode_guid)
    assert "Shownotes bara för prenumeranter." in paid.description
    # The enclosure works without a login, for the whole file.
    enclosure = paid.enclosures[0]
    response = Client().get(enclosure.href)
    assert response.status_code == 200
    assert len(b"".join(response.streaming_content)) == int(enclosure.length)
    transcript_url = Client().get(url).content.decode().split('podcast:transcript url="')[1]
    transcript = Client().get(transcript_url.split('"')[0].replace("&amp;", "&"))
    assert transcript.content.decode() == "Utskrift bara för prenumeranter."


def test_regenerate_and_revoke_stop_the_old_address_at_once(show, free_episode, listener):
    feed = PrivateFeed.objects.create(user=listener)
    old = feed_url(feed, show)
    assert Client().get(old).status_code == 200
    listener.client.post("/poddradio-floden/konto/nytt-flode/")
    feed.refresh_from_db()
    new = feed_url(feed, show)
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200

    listener.client.post("/poddradio-floden/konto/stang-flode/")
    assert Client().get(new).status_code == 404
    assert "Skapa mitt privata poddflöde" in listener.client.get("/konto/").content.decode()

    # From the admin too.
    listener.client.post("/poddradio-floden/konto/nytt-flode/")
    feed.refresh_from_db()
    admin = Client()
    admin.force_login(make_user(is_staff=True, is_superuser=True))
    admin.post(f"/admin/poddradio/floden/{feed.pk}/revoke/")
    assert Client().get(feed_url(feed, show)).status_code == 404


def test_a_lapsed_feed_keeps_answering_and_comes_back_on_renewal(
    show, free_episode, paid_episode, lapsed, django_capture_on_commit_callbacks
):
    feed = PrivateFeed.objects.create(user=lapsed)
    url = feed_url(feed, show)
    titles = [entry.title for entry in parsed(url).entries]
    assert titles == ["Din prenumeration har gått ut", "Fritt avsnitt"]
    expired_item = parsed(url).entries[0]
    assert expired_item.link.endswith("/prenumerera/")
    assert expired_item.enclosures == []

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(lapsed, start=today, end=today + dt.timedelta(days=30))
    titles = [entry.title for entry in parsed(url).entries]
    assert titles == ["Betalt avsnitt", "Fritt avsnitt"]


def test_admin_lists_feeds_fetched_from_many_addresses(show, free_episode, listener, lapsed):
    shared = PrivateFeed.objects.create(user=listener)
    PrivateFeed.objects.create(user=lapsed)
    for n in range(9):
        Client(REMOTE_ADDR=f"198.51.100.{n}").get(feed_url(shared, show))
    admin = Client()
    admin.force_login(make_user(is_staff=True, is_superuser=True))
    listing = admin.get("/admin/poddradio/floden/").content.decode()
    assert "troligen delat" in listing
    assert listing.index("Pia Prenumerant") < listing.index("Lena Lapsad")
    assert "198.51.100" not in listing
    stored = set(shared.fetches.values_list("ip_hash", flat=True))
    assert len(stored) == 9 and not any("198.51" in value for value in stored)


def test_old_address_hashes_are_purged(show, free_episode, listener):
    from django.core.management import call_command

    from utgivare.media.models import Download
    from utgivare.podcasts.models import FeedFetch

    feed = PrivateFeed.objects.create(user=listener)
    old_day = timezone.localdate() - dt.timedelta(days=40)
    FeedFetch.objects.create(feed=feed, ip_hash="a" * 20, day=old_day)
    FeedFetch.objects.create(feed=feed, ip_hash="b" * 20, day=timezone.localdate())
    Download.objects.create(
        media_file=free_episode.audio,
        listener="c" * 20,
        counted_at=timezone.now() - dt.timedelta(days=3),
    )
    call_command("purge_podcast_hashes", stdout=io.StringIO())
    assert list(FeedFetch.objects.values_list("ip_hash", flat=True)) == ["b" * 20]
    assert list(Download.objects.values_list("listener", flat=True)) == [""]


def test_the_privacy_page_tells_what_podcasts_keep(tree):
    page = Client().get("/integritet/").content.decode()
    assert "poddavsnitt laddas ner" in page and "privata poddflöde hämtas" in page
