"""Per-reader requests, warm: CPU time and queries of each kind of reader's GET.

The pages `make bench-http` measures for one reader at a time, through the whole
middleware stack (django.test.Client), with every shared cache warm: a metered
article read by a new anonymous reader (a new meter each time: counted, the
meter cookie set), re-read with that meter cookie, read by a logged-in reader
without a subscription (a re-read on their account meter), and a subscribers-only
article read by a subscriber. Readers log in through `/konto/login/` as a browser
does, so their sessions hold what allauth puts there.

Time is process CPU time (`time.process_time`), the median of BENCH_REPEAT GETs
(200), so other work on the machine counts less than with wall time; the
baseline is `/halsa/` (the same middleware and `SELECT 1`) measured the same way
in the same process. Each label says the queries of one GET, and on Redis the
round trips to it.

Each database runs in a process of its own: SQLite with local memory always;
PostgreSQL with Redis when BENCH_DATABASE_URL and BENCH_REDIS_URL name a database
and a Redis db of its own (both are emptied: the same variables as `make bench-http`).

    make bench BENCH=reader_requests      (or: python -m bench reader_requests)
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.environment import json_from_worker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))
WARMUP = 10
PASSWORD = "korrekt häst batteri häftklammer"
# A sentence of the factory article after its first paragraph: only in the full text.
FULL_TEXT = "Andra stycket visar vad handlingarna säger om upphandlingen."


def _run_worker(database_url, redis_url):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "UTGIVARE_VAR_DIR"}
    }
    if database_url:
        env["DATABASE_URL"] = database_url
        env["REDIS_URL"] = redis_url
    return json_from_worker(["-m", "bench.reader_requests"], env, ROOT)


def run():
    results = [_run_worker(None, None)]
    database_url = os.environ.get("BENCH_DATABASE_URL")
    redis_url = os.environ.get("BENCH_REDIS_URL")
    if database_url and redis_url:
        results.append(_run_worker(database_url, redis_url))
    else:
        print("BENCH_DATABASE_URL and BENCH_REDIS_URL not set: PostgreSQL + Redis skipped")
    return [
        {
            "name": report["name"],
            "baseline": tuple(report["baseline"]),
            "measurements": [tuple(m) for m in report["measurements"]],
        }
        for report in results
    ]


# --- The worker: one database, one process ------------------------------------------


def _setup():
    os.environ["UTGIVARE_VAR_DIR"] = tempfile.mkdtemp(prefix="utgivare-bench-reader-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("UTGIVARE_INSECURE_DEV_KEY", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    if connection.vendor != "sqlite":
        call_command("flush", verbosity=0, interactive=False)
    cache.clear()
    # As production: the page cache and piece shells on, connections kept (the
    # test settings close SQLite's after each request).
    settings.PAGE_CACHE_SECONDS = 3600
    connection.settings_dict["CONN_MAX_AGE"] = 60


def _build():
    import datetime as dt

    from django.utils import timezone
    from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory, site_tree
    from tests.subscriptions.factories import PlanFactory, UserFactory

    from utgivare.comments.models import CommentSettings
    from utgivare.subscriptions.lifecycle import Actor, register_manual

    tree = site_tree(sections=4)
    author = AuthorPageFactory(parent=tree["authors"])
    for n in range(12):
        ArticlePageFactory(parent=tree["sections"][n % 4], author=author)
    metered = ArticlePageFactory(
        parent=tree["sections"][0], author=author, access_level="metered", hero_image=ImageFactory()
    )
    paid = ArticlePageFactory(
        parent=tree["sections"][1],
        author=author,
        access_level="subscribers",
        hero_image=ImageFactory(),
    )
    CommentSettings.objects.all().update(close_after_days=0)
    reader = UserFactory(email="lasare@example.org", password=PASSWORD)
    subscriber = UserFactory(email="prenumerant@example.org", password=PASSWORD)
    today = timezone.localdate()
    register_manual(
        user=subscriber,
        plan=PlanFactory(name="Helår"),
        source="manual",
        start=today - dt.timedelta(days=1),
        end=today + dt.timedelta(days=300),
        actor=Actor("staff"),
        now=timezone.now(),
    )
    return metered, paid, reader, subscriber


def _logged_in(email):
    from django.test import Client

    client = Client()
    response = client.post("/konto/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302, ("login", response.status_code)
    # As a browser: the page it is sent to shows the "logged in" message once.
    client.get("/")
    # A browser drops a cookie deleted by the answer; the test client would send it empty.
    for name in [name for name, morsel in client.cookies.items() if not morsel.value]:
        del client.cookies[name]
    assert "messages" not in client.cookies
    return client


class RoundTrips:
    """Round trips to Redis (one per command, one per pipeline), 0 without Redis."""

    def __init__(self):
        self.count = 0
        try:
            from redis.connection import AbstractConnection
        except ImportError:
            self.target = None
            return
        self.target = AbstractConnection
        self.original = AbstractConnection.send_packed_command

        def counting(connection, *args, **kwargs):
            self.count += 1
            return self.original(connection, *args, **kwargs)

        AbstractConnection.send_packed_command = counting


def _cpu(get, check, repeat=REPEAT):
    samples = []
    for n in range(WARMUP + repeat):
        started = time.process_time()
        response = get()
        spent = time.process_time() - started
        check(response)
        if n >= WARMUP:
            samples.append(spent)
    return statistics.median(samples)


def _costs(get, check, round_trips):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = round_trips.count
    with CaptureQueriesContext(connection) as captured:
        check(get())
    return len(captured), round_trips.count - before


def worker():
    _setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from utgivare.paywall import meters

    metered, paid, reader, subscriber = _build()
    round_trips = RoundTrips()
    on_redis = bool(settings.CACHES["default"]["BACKEND"].endswith("ResilientRedisCache"))

    def full_text(response):
        assert response.status_code == 200, response.status_code
        page = response.content.decode()
        assert 'class="paywall-box' not in page, "got the paywall box"
        assert FULL_TEXT in page, "got the teaser"

    def healthy(response):
        assert response.status_code == 200, response.status_code

    # One client, its cookies forgotten before each GET: a new Client would also build
    # its middleware chain on its first request, which a server process does once.
    new_reader = Client()

    def first_read():
        new_reader.cookies.clear()
        response = new_reader.get(metered.url)
        assert meters.COOKIE_NAME in response.cookies, "a first read sets the meter cookie"
        return response

    # A meter cookie of one first read, as the re-read of bench-http sends.
    rereader = Client()
    rereader.get(metered.url)
    reader_client = _logged_in(reader.email)
    subscriber_client = _logged_in(subscriber.email)
    reader_client.get(metered.url)  # the reader's one counted read; then re-reads

    scenarios = [
        ("metered article, first read (new anonymous meter)", first_read, full_text),
        ("metered article, re-read (meter cookie)", lambda: rereader.get(metered.url), full_text),
        (
            "metered article, logged-in reader (re-read on the account meter)",
            lambda: reader_client.get(metered.url),
            full_text,
        ),
        (
            "subscribers-only article, subscriber",
            lambda: subscriber_client.get(paid.url),
            full_text,
        ),
    ]
    halsa = Client()
    measurements = []
    for label, get, check in scenarios:
        check(get())  # the shell drawn
        queries, trips = _costs(get, check, round_trips)
        cost = f"{queries} queries" + (f", {trips} Redis round trips" if on_redis else "")
        measurements.append((f"{label} ({cost})", _cpu(get, check)))
    baseline_queries, _trips = _costs(lambda: halsa.get("/halsa/"), healthy, round_trips)
    baseline = _cpu(lambda: halsa.get("/halsa/"), healthy)
    store = "PostgreSQL + Redis" if on_redis else f"{connection.vendor}, local memory"
    baseline_label = f"GET /halsa/ (middleware + SELECT 1, {baseline_queries} queries)"
    print(
        json.dumps(
            {
                "name": f"Per-reader requests, warm ({store}, CPU time, median of {REPEAT})",
                "baseline": (baseline_label, baseline),
                "measurements": measurements,
            }
        )
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    worker()
