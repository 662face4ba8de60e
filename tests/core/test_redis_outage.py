"""Readers keep reading when Redis goes away, and nothing stale comes back with it.

Each test starts a Redis of its own (tests/redis_server.py), points the site's
cache and sessions at it as production does, and stops or freezes it mid-test.
"""

from django.core.cache import cache
from django.urls import reverse
from django_redis.client import DefaultClient

from tests.comments.conftest import form_data
from tests.core.conftest import own_redis_caches
from tests.subscriptions.factories import PASSWORD, UserFactory
from utgivare.comments.models import Comment

COOLDOWN = 5


def log_in(client, email="lasare@example.org"):
    UserFactory(email=email)
    response = client.post("/konto/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return client.cookies["sessionid"].value


def is_logged_in(client) -> bool:
    return client.get("/konto/").status_code == 200


def test_every_kind_of_page_answers_while_redis_is_stopped(site_on_own_redis, client, article):
    # Warm the cache first, so the outage hits a site that relied on it.
    assert client.get(article.url).status_code == 200
    site_on_own_redis.stop()

    assert client.get("/").status_code == 200
    page = client.get(article.url)
    assert page.status_code == 200
    assert article.title in page.content.decode()
    assert client.get("/sok/", {"q": "x"}).status_code == 200
    assert client.get("/flode/").status_code == 200
    assert client.get("/konto/login/").status_code == 200
    posted = client.post(
        reverse("comments:post", args=[article.pk]), form_data(text="Skrivet i mörker.")
    )
    assert posted.status_code == 302
    assert Comment.objects.filter(text="Skrivet i mörker.").count() == 1
    # The writer still sees their pending comment: the session works without Redis.
    assert "Skrivet i mörker." in client.get(posted["Location"]).content.decode()


def test_health_check_names_the_missing_cache_but_keeps_the_site_in_rotation(
    site_on_own_redis, client, db
):
    assert client.get("/halsa/").json()["cache"] == "ok"
    site_on_own_redis.stop()
    response = client.get("/halsa/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["cache"] == "unavailable"


def test_health_check_sees_redis_again_once_it_is_back(
    site_on_own_redis, breaker_clock, client, db
):
    site_on_own_redis.stop()
    assert client.get("/halsa/").json()["cache"] == "unavailable"
    site_on_own_redis.start()
    breaker_clock.advance(COOLDOWN)
    assert client.get("/halsa/").json()["cache"] == "ok"


def test_a_hung_redis_is_left_alone_until_the_cooldown_is_over(
    site_on_own_redis, breaker_clock, client, article, monkeypatch
):
    site_on_own_redis.freeze()
    assert client.get(article.url).status_code == 200  # pays one timeout, then stops asking
    asked = []
    original = DefaultClient.get_client

    def counting_get_client(self, *args, **kwargs):
        asked.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DefaultClient, "get_client", counting_get_client)
    assert client.get(article.url).status_code == 200
    assert client.get("/").status_code == 200
    assert asked == []
    breaker_clock.advance(COOLDOWN)
    # The article's comment thread is read from the cache (what names its version,
    # such as the route, each process keeps a copy of: core.process_copies).
    client.get(article.url)
    assert asked, "after the cooldown Redis is tried again"
    site_on_own_redis.thaw()


def test_reader_stays_logged_in_through_an_outage(site_on_own_redis, breaker_clock, client, db):
    log_in(client)
    site_on_own_redis.stop()
    assert is_logged_in(client)
    site_on_own_redis.start()
    breaker_clock.advance(COOLDOWN)
    assert is_logged_in(client)


def test_logout_during_an_outage_is_not_undone_when_redis_answers_again(
    site_on_own_redis, breaker_clock, client, db
):
    session_id = log_in(client)
    assert is_logged_in(client)  # the session now sits in Redis too
    # Frozen, not stopped: Redis keeps the session it had, as after a network cut.
    site_on_own_redis.freeze()
    assert client.post("/konto/logout/").status_code == 302
    site_on_own_redis.thaw()
    breaker_clock.advance(COOLDOWN)

    # Someone who kept the old cookie (a shared computer, a copied cookie).
    client.cookies["sessionid"] = session_id
    assert not is_logged_in(client)
    assert not [key for key in site_on_own_redis.raw().keys("*") if b"session" in key]


def test_a_value_replaced_during_an_outage_is_not_served_stale_when_redis_answers_again(
    site_on_own_redis, breaker_clock, db
):
    cache.set("thread:42", "before the outage")
    site_on_own_redis.freeze()
    cache.set("thread:42", "written during the outage")
    site_on_own_redis.thaw()
    breaker_clock.advance(COOLDOWN)
    # Redis still held the old value; the outage's write reached only this process.
    assert cache.get("thread:42") != "before the outage"


def test_password_guessing_is_still_stopped_during_an_outage(site_on_own_redis, client, db):
    UserFactory(email="lasare@example.org")
    site_on_own_redis.stop()
    for _ in range(5):
        client.post("/konto/login/", {"login": "lasare@example.org", "password": "gissning"})
    response = client.post("/konto/login/", {"login": "lasare@example.org", "password": PASSWORD})
    assert "För många misslyckade försök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lock_taken_during_an_outage_holds_within_the_process(site_on_own_redis, db):
    site_on_own_redis.stop()
    assert cache.add("lock:import", True, 10) is True
    assert cache.add("lock:import", True, 10) is False
    cache.delete("lock:import")
    assert cache.add("lock:import", True, 10) is True


def test_counters_keep_counting_during_an_outage(site_on_own_redis, db):
    site_on_own_redis.stop()
    cache.set("hits", 1)
    assert cache.incr("hits") == 2
    assert cache.get_or_set("other", 7) == 7
    assert cache.get_many(["hits", "other"]) == {"hits": 2, "other": 7}


def test_too_many_writes_during_an_outage_empty_the_sites_keys_on_recovery(
    redis_server, breaker_clock, settings, db
):
    settings.CACHES = own_redis_caches(redis_server.url, OUTAGE_PENDING_KEYS=3)
    raw = redis_server.raw()
    cache.set("kept-before", "old")
    raw.set("another-site:1:x", "theirs")
    redis_server.freeze()
    for number in range(5):
        cache.set(f"written-{number}", number)
    redis_server.thaw()
    breaker_clock.advance(COOLDOWN)

    assert cache.get("kept-before") is None  # a cold cache, never a stale one
    assert raw.get("another-site:1:x") == b"theirs"  # other prefixes are not ours to clear
    cache.set("after", 1)
    assert cache.get("after") == 1
