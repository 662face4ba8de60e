"""Racing one meter with parallel requests never gives more than the month's free reads.

Ten threads open ten different metered articles at the same moment, all with
one meter cookie (anonymous) or one session (logged in), through the real
request path. Runs on SQLite and locmem by default, and on PostgreSQL and
Redis when DATABASE_URL and REDIS_URL are set.
"""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.factories import ArticlePageFactory
from tests.paywall.conftest import make_user
from tests.paywall.helpers import PAYWALLED_SENTENCES
from tests.paywall.test_metered_reading import box
from utgivare.paywall import meters
from utgivare.paywall.models import AccountMeter

pytestmark = pytest.mark.django_db(transaction=True)

FREE_READS = 3
RACERS = 10


@pytest.fixture
def many_articles(tree, clock):
    """One more metered article than racers: the first opens the meter before the race."""
    section = tree["sections"][0]
    return [
        ArticlePageFactory(parent=section, title=f"Granskning del {i}") for i in range(RACERS + 1)
    ]


@pytest.fixture
def slow_cache(monkeypatch):
    """The shadow meter answers after a network-like pause, as Redis under load does.

    In one process with a local-memory cache the gap between reading the meter
    and storing it is too short for threads to meet in reliably; the pause opens it.
    """
    read_shadow = meters._shadow

    def slow(meter_id):
        found = read_shadow(meter_id)
        time.sleep(0.02)
        return found

    monkeypatch.setattr(meters, "_shadow", slow)


def race(cookies, pages):
    """Each page opened by its own client at once, all carrying `cookies`; the HTML bodies."""
    barrier = threading.Barrier(len(pages))
    bodies = [None] * len(pages)
    errors = []

    def open_page(index, page):
        try:
            reader = Client()
            for name, value in cookies.items():
                reader.cookies[name] = value
            barrier.wait(timeout=30)
            response = reader.get(page.url)
            assert response.status_code == 200, response.status_code
            bodies[index] = response.content.decode()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=open_page, args=(index, page)) for index, page in enumerate(pages)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return bodies


def opened_in_full(bodies, pages):
    """The pages whose paywalled text came back; every other one must show the paywall box."""
    opened = []
    for body, page in zip(bodies, pages, strict=True):
        if PAYWALLED_SENTENCES[0] in body:
            opened.append(page.pk)
        else:
            assert box(body) is not None
            for sentence in PAYWALLED_SENTENCES:
                assert sentence not in body
    return opened


def test_parallel_anonymous_reads_with_one_cookie_open_at_most_the_free_articles(
    many_articles, slow_cache
):
    first, racers = many_articles[0], many_articles[1:]
    opener = Client()
    assert PAYWALLED_SENTENCES[0] in opener.get(first.url).content.decode()
    cookie = opener.cookies[meters.COOKIE_NAME].value

    opened = opened_in_full(race({meters.COOKIE_NAME: cookie}, racers), racers)

    assert len(opened) <= FREE_READS - 1
    meter_id, _ = meters.decode_cookie(cookie)
    shadow = meters._shadow(meter_id)
    assert len(shadow.read_ids) <= FREE_READS
    # Every piece shown in full was counted.
    assert {first.pk, *opened} <= shadow.read_ids


def test_parallel_reads_in_one_session_open_at_most_the_free_articles(many_articles):
    racers = many_articles[1:]
    reader = make_user()
    session = Client()
    session.force_login(reader)
    session_cookie = session.cookies[settings.SESSION_COOKIE_NAME].value

    opened = opened_in_full(race({settings.SESSION_COOKIE_NAME: session_cookie}, racers), racers)

    assert len(opened) <= FREE_READS
    stored = AccountMeter.objects.get(user=reader).piece_ids
    assert len(stored) <= FREE_READS
    assert set(opened) <= set(stored)
