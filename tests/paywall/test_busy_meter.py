"""A reader whose meter stays held by their other requests gets the teaser, not a free read."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from tests.paywall.conftest import make_user
from tests.paywall.helpers import PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import box
from utgivare.paywall import meters
from utgivare.paywall.models import AccountMeter, PaywallEvent

BUSY_TEXT = "Vi kunde inte räkna den här läsningen just nu. Ladda om sidan för att läsa."


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(meters, "LOCK_WAIT_SECONDS", 0.2)


def test_new_article_shows_teaser_while_the_meter_is_held_elsewhere(client, articles, short_wait):
    read(client, articles[0])
    meter_id, _ = meters.decode_cookie(client.cookies[meters.COOKIE_NAME].value)
    assert cache.add(meters.LOCK_KEY.format(meter_id), "another request", 60)

    page = read(client, articles[1])

    assert " ".join(box(page).get_text().split()).startswith(BUSY_TEXT)
    for sentence in PAYWALLED_SENTENCES:
        assert sentence not in page
    assert meters._shadow(meter_id).read_ids == {articles[0].pk}
    # Not a paywall view for the report: the reader had free reads left.
    assert not PaywallEvent.objects.filter(page_id=articles[1].pk).exists()
    # A piece already counted needs no lock and stays open.
    assert PAYWALLED_SENTENCES[0] in read(client, articles[0])


def test_article_opens_once_the_meter_is_free_again(client, articles, short_wait):
    read(client, articles[0])
    meter_id, _ = meters.decode_cookie(client.cookies[meters.COOKIE_NAME].value)
    lock = meters.LOCK_KEY.format(meter_id)
    cache.add(lock, "another request", 60)
    read(client, articles[1])
    cache.delete(lock)

    assert PAYWALLED_SENTENCES[0] in read(client, articles[1])
    assert meters._shadow(meter_id).read_ids == {articles[0].pk, articles[1].pk}


@pytest.mark.django_db(transaction=True)
def test_logged_in_reader_gets_teaser_while_their_meter_row_is_held(articles, short_wait):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite waits for its write lock (20 s busy timeout), then answers 503")
    reader = make_user()
    session = Client()
    session.force_login(reader)
    read(session, articles[0])
    held, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                AccountMeter.objects.select_for_update().get(user=reader)
                held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert held.wait(timeout=30)
        page = read(session, articles[1])
    finally:
        release.set()
        holder.join(timeout=30)

    assert " ".join(box(page).get_text().split()).startswith(BUSY_TEXT)
    assert PAYWALLED_SENTENCES[0] not in page
    assert AccountMeter.objects.get(user=reader).piece_ids == [articles[0].pk]
