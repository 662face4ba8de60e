"""A reader without a meter cookie gets a new meter id that no other request knows:
their first read is counted and stored without taking the meter's lock."""

import contextlib
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import Client

from tests.paywall.helpers import NOVEMBER, PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner
from utgivare.paywall import gate, meters
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


class _Rollback(Exception):
    pass


def _synchronous_commit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_an_event_written_on_its_own_is_stored_whole_and_the_connection_keeps_its_settings():
    # Outside a transaction, as a first read writes it (on PostgreSQL without waiting
    # for the disk, gate.record_event): the same row, and nothing changed for what the
    # connection runs next.
    before = _synchronous_commit() if connection.vendor == "postgresql" else None
    gate.record_event(PaywallEvent.Kind.BOX_VIEW, NOVEMBER, _Piece(7), "quota")
    event = PaywallEvent.objects.get()
    assert (event.kind, event.month, event.occurred_at) == ("box_view", "2026-11", NOVEMBER)
    assert (event.page_id, event.content_type, event.reason) == (7, "article", "quota")
    if before is not None:
        assert _synchronous_commit() == before == "on"


@pytest.mark.django_db(transaction=True)
def test_an_event_inside_a_transaction_commits_or_rolls_back_with_it():
    # A conversion is recorded with its subscription: gone if the subscription is, and
    # that transaction's commit still waits for the disk.
    with contextlib.suppress(_Rollback), transaction.atomic():
        gate.record_event(PaywallEvent.Kind.CONVERSION, NOVEMBER, _Piece(7))
        if connection.vendor == "postgresql":
            assert _synchronous_commit() == "on"
        raise _Rollback
    assert not PaywallEvent.objects.exists()
    with transaction.atomic():
        gate.record_event(PaywallEvent.Kind.CONVERSION, NOVEMBER, _Piece(8))
    assert list(PaywallEvent.objects.values_list("kind", "page_id")) == [("conversion", 8)]


@dataclass(frozen=True)
class _Piece:
    pk: int
    paywall_content_type: str = "article"
