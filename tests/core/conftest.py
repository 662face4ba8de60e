import pytest

from tests.redis_server import RedisServer
from utgivare.core import cache as resilient_cache


class BreakerClock:
    """The circuit breaker's clock, moved by hand so no test waits for a cool-down."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.close()


@pytest.fixture
def breaker_clock(monkeypatch):
    clock = BreakerClock()
    monkeypatch.setattr(resilient_cache, "monotonic", clock)
    return clock


def own_redis_caches(url: str, **options) -> dict:
    return {
        "default": {
            "BACKEND": "utgivare.core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "utgivare-outage-test",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "OUTAGE_RETRY_SECONDS": 5,
                **options,
            },
        }
    }


@pytest.fixture
def site_on_own_redis(redis_server, breaker_clock, settings):
    """The site's cache and sessions on a Redis of this test's own, as in production."""
    resilient_cache.forget_outages()
    settings.CACHES = own_redis_caches(redis_server.url)
    settings.SESSION_ENGINE = "utgivare.core.sessions.cached_db"
    yield redis_server
    resilient_cache.forget_outages()
