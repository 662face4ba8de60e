"""A podcast app that fires several requests for one episode at the same instant (as
some do when they start a download) is one download, not several: the IAB rule holds
under concurrency, on SQLite and on PostgreSQL."""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from utgivare.media import downloads
from utgivare.media.models import Download, MediaFile

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 6


def test_simultaneous_requests_from_one_listener_count_once(free_episode, monkeypatch):
    audio = MediaFile.objects.get(pk=free_episode.audio_id)
    decide = downloads.is_new_download

    def slow_decision(last_counted, now):
        # Widens the gap between looking for an earlier download and storing this one.
        time.sleep(0.05)
        return decide(last_counted, now)

    monkeypatch.setattr(downloads, "is_new_download", slow_decision)
    barrier = threading.Barrier(RACERS)
    errors = []

    def fetch():
        try:
            barrier.wait(timeout=30)
            downloads.record(
                audio,
                ip="198.51.100.4",
                user_agent="AntennaPod/3.4",
                bytes_requested=audio.size,
                now=timezone.now(),
            )
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert Download.objects.filter(media_file=audio).count() == 1
