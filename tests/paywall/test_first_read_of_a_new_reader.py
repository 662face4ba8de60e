"""A reader without a meter cookie gets a new meter id that no other request knows:
their first read is counted and stored without taking the meter's lock."""

from contextlib import contextmanager

from django.test import Client

from tests.paywall.helpers import NOVEMBER, PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner
from utgivare.paywall import meters
from utgivare.paywall.models import PaywallEvent


def test_a_new_readers_first_read_is_counted_without_the_meter_lock(articles, monkeypatch):
    locked = []

    @contextmanager
    def recording_lock(meter_id):
        locked.append(meter_id)
        yield

    monkeypatch.setattr(meters, "_meter_lock", recording_lock)
    client = Client()
    page = read(client, articles[0])
    assert PAYWALLED_SENTENCES[0] in page and banner(page).startswith("Du har 2 av 3")
    assert locked == []
    # Stored beside the cookie: the next read with that cookie counts from it (and locks).
    meter_id, meter = meters.decode_cookie(client.cookies[meters.COOKIE_NAME].value)
    assert meters._shadow(meter_id) == meter and meter.read_ids == {articles[0].pk}
    assert banner(read(client, articles[1])).startswith("Du har 1 av 3")
    assert locked == [meter_id]


def test_a_first_read_is_recorded_for_the_report_with_its_time_and_piece(articles):
    read(Client(), articles[0])
    event = PaywallEvent.objects.get()
    assert (event.kind, event.month, event.occurred_at) == ("metered_read", "2026-11", NOVEMBER)
    assert (event.page_id, event.content_type) == (articles[0].pk, "article")
    assert event.reason == "metered"
