"""Podcasts: a subscriber's private feed with 500 episodes, and Range answers from a
200 MB file, against an article page (SQLite, locmem, test client).

- the private feed of a subscriber for a show with 5 and with 500 episodes: the
  query count must be the same (flat), the time grows with the items written;
- a 206 answer (1 MB from the middle) from a 200 MB file and from a 2 MB file, and
  the whole 200 MB streamed: peak Python memory (tracemalloc) must not grow with the
  file. The 200 MB file is generated once under var/bench/ (not committed) by
  repeating a synthesised MP3.
"""

import os
import time
import tracemalloc
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.environment import median_seconds, setup_django, timed_get

REPO = Path(__file__).resolve().parent.parent
BIG_FILE = REPO / "var" / "bench" / "podcast-200mb.mp3"
BIG_BYTES = 200 * 1024 * 1024


def big_mp3(path: Path, size: int, seed: bytes) -> Path:
    if path.exists() and path.stat().st_size == size:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        left = size
        while left > 0:
            out.write(seed[:left])
            left -= min(len(seed), left)
    return path


def stored_copy(source: Path, facts, title: str):
    """A MediaFile whose stored file is `source` (a link, not a copy of 200 MB)."""
    from utgivare.media.models import MediaFile, private_storage

    storage = private_storage()
    name = f"audio/bench-{title.replace(' ', '-')}-{os.getpid()}.mp3"
    Path(storage.path(name)).parent.mkdir(parents=True, exist_ok=True)
    if not Path(storage.path(name)).exists():
        os.symlink(source, storage.path(name))
    return MediaFile.objects.create(
        title=title,
        file=name,
        mime_type="audio/mpeg",
        duration_seconds=facts.duration_seconds * source.stat().st_size / facts.size,
        bitrate=facts.bitrate,
        size=source.stat().st_size,
    )


def show_with_episodes(index, slug, count, media_file):
    from utgivare.podcasts.models import PodcastEpisodePage, PodcastShowPage

    show = PodcastShowPage(title=f"Bänkpodd {count}", slug=slug, description="Bänk.")
    index.add_child(instance=show)
    for n in range(count):
        show.add_child(
            instance=PodcastEpisodePage(
                title=f"Avsnitt {n}",
                slug=f"avsnitt-{n}",
                lead="Veckans genomgång.",
                body='[{"type": "paragraph", "value": "<p>Shownotes.</p>"}]',
                audio=media_file,
                episode_number=n + 1,
                chapters="0:00 Inledning",
                transcript="Utskrift.",
                access_level="subscribers" if n % 2 else "free",
            )
        )
    return show


def peak_memory(action) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def run():
    setup_django()
    import datetime as dt
    import tempfile

    from django.utils import timezone
    from tests.factories import ArticlePageFactory, SectionPageFactory, UserFactory, site_tree

    from utgivare.media.addresses import signed_path
    from utgivare.media.metadata import read_audio
    from utgivare.media.synth import mp3_bytes
    from utgivare.podcasts.models import PodcastIndexPage, PrivateFeed
    from utgivare.publication.models import HomePage
    from utgivare.subscriptions.lifecycle import Actor, register_manual
    from utgivare.subscriptions.models import Plan

    home = HomePage.objects.first() or site_tree()["home"]
    section = SectionPageFactory(parent=home, title="Bänk: podd", slug="bank-podd")
    article = ArticlePageFactory(parent=section, access_level="free")

    seed = mp3_bytes(65)
    with tempfile.NamedTemporaryFile(suffix=".mp3") as handle:
        handle.write(seed)
        handle.flush()
        with open(handle.name, "rb") as audio:
            facts = read_audio(audio, size=len(seed))
    small_source = big_mp3(REPO / "var" / "bench" / "podcast-2mb.mp3", 2 * 1024 * 1024, seed)
    big_source = big_mp3(BIG_FILE, BIG_BYTES, seed)

    index = PodcastIndexPage(title="Poddradio", slug="bank-poddradio")
    home.add_child(instance=index)
    small = stored_copy(small_source, facts, "Liten")
    big = stored_copy(big_source, facts, "Stor")
    started = time.perf_counter()
    small_for_few = stored_copy(small_source, facts, "Liten 2")
    few = show_with_episodes(index, "bank-fa", 5, small_for_few)
    many = show_with_episodes(index, "bank-manga", 500, small)
    # The 200 MB file belongs to one episode, as every file does on a real site.
    show_with_episodes(index, "bank-stor", 1, big)
    built = time.perf_counter() - started

    user = UserFactory(first_name="Pia", last_name="Prenumerant")
    plan = Plan.objects.create(name="Bänk", price_ore=100, interval="year")
    today = timezone.localdate()
    register_manual(
        user=user,
        plan=plan,
        source="manual",
        start=today - dt.timedelta(days=1),
        end=today + dt.timedelta(days=30),
        actor=Actor("staff"),
        now=timezone.now(),
    )
    feed = PrivateFeed.objects.create(user=user)
    client = Client()
    few_url = f"/poddradio-floden/privat/{feed.token}/{few.slug}/"
    many_url = f"/poddradio-floden/privat/{feed.token}/{many.slug}/"

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries(few_url), queries(many_url)  # warm: site, settings and menu caches filled
    few_queries, many_queries = queries(few_url), queries(many_url)
    body = client.get(many_url).content.decode()
    assert body.count("<enclosure ") == 500, "every episode with its file"

    expires = timezone.now() + dt.timedelta(hours=1)
    subject = f"u{user.pk}"
    big_path = signed_path(big, subject, expires)
    small_path = signed_path(small_for_few, subject, expires)
    middle = BIG_BYTES // 2

    def range_from(path, first):
        def get():
            response = client.get(path, HTTP_RANGE=f"bytes={first}-{first + 1024 * 1024 - 1}")
            assert response.status_code == 206
            assert sum(len(chunk) for chunk in response.streaming_content) == 1024 * 1024

        return get

    def whole_big():
        response = client.get(big_path)
        assert sum(len(chunk) for chunk in response.streaming_content) == BIG_BYTES

    big_range = range_from(big_path, middle)
    small_range = range_from(small_path, 512 * 1024)
    small_range(), big_range()  # warm
    peak_small = peak_memory(small_range)
    peak_big = peak_memory(big_range)
    peak_whole = peak_memory(whole_big)
    started = time.perf_counter()
    whole_big()
    whole_seconds = time.perf_counter() - started

    print(
        f"\n   (built 505 episodes in {built:.1f} s; private feed queries: 5 episodes "
        f"{few_queries}, 500 episodes {many_queries}; peak Python memory: 1 MB range from "
        f"2 MB file {peak_small // 1024} KB, from 200 MB file {peak_big // 1024} KB, whole "
        f"200 MB streamed {peak_whole // 1024} KB)"
    )
    assert few_queries == many_queries, "the private feed's queries grow with its episodes"
    assert peak_whole < 4 * 1024 * 1024, "streaming a file must not hold it in memory"
    return {
        "name": "Podcasts: private feed and Range answers (SQLite, locmem, test client)",
        "baseline": ("GET free article page", timed_get(client, article.url)),
        "measurements": [
            ("GET private feed, 5 episodes", timed_get(client, few_url, repeat=10)),
            ("GET private feed, 500 episodes", timed_get(client, many_url, repeat=5)),
            ("206: 1 MB from the middle of a 2 MB file", median_seconds(small_range, repeat=10)),
            ("206: 1 MB from the middle of a 200 MB file", median_seconds(big_range, repeat=10)),
            ("200: the whole 200 MB file streamed", whole_seconds),
        ],
    }
