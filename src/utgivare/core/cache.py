"""A Redis cache that a Redis outage cannot take the site down with.

django-redis raises `ConnectionInterrupted` on every cache call while Redis
does not answer, and every page reads the cache (menu, comment threads, piece
bodies, sessions, allauth's rate limits), so without this every page answered
500. `ResilientRedisCache` keeps django-redis for the normal case and adds:

- short socket timeouts (set in settings), so a Redis that hangs costs at most
  one timeout;
- a circuit breaker: after a failure this process leaves Redis alone for
  `OUTAGE_RETRY_SECONDS` and then tries once more (`should_try_redis`), so an
  outage adds no latency per request;
- a per-process local-memory fallback that takes every cache call while Redis
  is down, so pages, sessions (cached_db reads the database), rate limits and
  `cache.add` locks keep working, each counted per process;
- correctness on recovery: a key this process wrote or deleted while Redis was
  down may hold an older value in Redis (a logged-out session, a menu from
  before a publish). Those keys are remembered and deleted from Redis before
  this process reads from it again. When more than `OUTAGE_PENDING_KEYS`
  keys were written, or someone cleared the cache during the outage, every key
  under the site's key prefix is deleted instead (a cold cache, never a stale
  one).

Only the Django cache API (get, set, add, delete, incr, decr, touch, has_key,
the *_many calls, clear) and django-redis's `delete_pattern` fall back. The
Redis-only extras (locks, sets, ttl ...) still raise while Redis is down;
code that uses them must catch `REDIS_DOWN_ERRORS` itself.
"""

import contextlib
import logging
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from time import monotonic

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import process_copies

logger = logging.getLogger(__name__)

# Errors that mean "Redis did not answer", as opposed to a bad command (a
# ResponseError such as INCR on a string), which still raises.
REDIS_DOWN_ERRORS = (
    ConnectionInterrupted,
    RedisConnectionError,
    RedisTimeoutError,
    socket.timeout,
    ConnectionError,
)

DEFAULT_RETRY_SECONDS = 5.0
DEFAULT_PENDING_KEYS = 5000
DEFAULT_FALLBACK_ENTRIES = 5000
# Keys deleted per command on recovery.
DELETE_BATCH = 500


def should_try_redis(last_failure: float | None, now: float, retry_after: float) -> bool:
    """The circuit breaker: try Redis unless it failed less than `retry_after` seconds ago.

    `last_failure` and `now` are readings of one monotonic clock; `None` means
    no failure since the last recovery.
    """
    return last_failure is None or now - last_failure >= retry_after


@dataclass
class PendingInvalidation:
    """Keys written in this process while Redis was down, to delete from Redis on recovery.

    Bounded: past `limit` keys (or after a clear) it forgets the keys and asks
    for the wider invalidation, every key under the site's prefix.
    """

    limit: int
    keys: set[tuple[str, int]] = field(default_factory=set)
    everything: bool = False

    def add(self, keys: Iterable[tuple[str, int]]) -> None:
        if self.everything:
            return
        self.keys.update(keys)
        if len(self.keys) > self.limit:
            self.wipe()

    def wipe(self) -> None:
        self.keys = set()
        self.everything = True

    def is_empty(self) -> bool:
        return not self.everything and not self.keys


class _Outage:
    """This process's view of one Redis, shared by the per-thread cache objects."""

    def __init__(self, pending_limit: int):
        # Held for the short bookkeeping below.
        self.lock = threading.Lock()
        # Held by the one thread that probes Redis and cleans it up on recovery;
        # the others keep using the fallback meanwhile instead of waiting.
        self.probe_lock = threading.Lock()
        self.down_since: float | None = None
        self.last_failure: float | None = None
        self.pending = PendingInvalidation(limit=pending_limit)

    @property
    def is_down(self) -> bool:
        return self.down_since is not None


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(name: str, pending_limit: int) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(name, _Outage(pending_limit))


def forget_outages() -> None:
    """Start over as if Redis had always answered (tests that restart Redis)."""
    with _outages_lock:
        _outages.clear()


def _glob_escape(text: str) -> str:
    return "".join("\\" + char if char in "*?[]\\" else char for char in text)


class ResilientRedisCache(RedisCache):
    """django-redis with a circuit breaker and a local fallback; see the module docstring.

    Options (besides django-redis's): OUTAGE_RETRY_SECONDS, OUTAGE_PENDING_KEYS,
    FALLBACK_MAX_ENTRIES.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        options = params.get("OPTIONS", {})
        self._retry_after = float(options.get("OUTAGE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        name = f"{server}|{self.key_prefix}"
        self._outage = _outage_for(
            name, int(options.get("OUTAGE_PENDING_KEYS", DEFAULT_PENDING_KEYS))
        )
        fallback_params = {
            "TIMEOUT": params.get("TIMEOUT", 300),
            "KEY_PREFIX": params.get("KEY_PREFIX", ""),
            "VERSION": params.get("VERSION", 1),
            "OPTIONS": {
                "MAX_ENTRIES": int(options.get("FALLBACK_MAX_ENTRIES", DEFAULT_FALLBACK_ENTRIES))
            },
        }
        if "KEY_FUNCTION" in params:
            fallback_params["KEY_FUNCTION"] = params["KEY_FUNCTION"]
        # LocMemCache shares its store between instances of one name: one
        # fallback per process, whichever thread's cache object uses it.
        self.fallback = LocMemCache(f"utgivare-redis-fallback|{name}", fallback_params)

    # --- the breaker ---------------------------------------------------------

    def redis_available(self) -> bool:
        """Does Redis answer now? (For the health check; one PING when it is thought up.)"""
        if not self._redis_usable():
            return False
        try:
            self.client.get_client(write=True).ping()
        except REDIS_DOWN_ERRORS as error:
            self._went_down(error)
            return False
        return True

    def _redis_usable(self) -> bool:
        outage = self._outage
        if not outage.is_down:
            return True
        if not should_try_redis(outage.last_failure, monotonic(), self._retry_after):
            return False
        if not outage.probe_lock.acquire(blocking=False):
            return False
        try:
            return self._recover()
        finally:
            outage.probe_lock.release()

    def _recover(self) -> bool:
        """Clean what this process wrote during the outage out of Redis, then use Redis again."""
        outage = self._outage
        try:
            while True:
                with outage.lock:
                    if not outage.is_down:
                        return True
                    if outage.pending.is_empty():
                        break
                    keys, everything = set(outage.pending.keys), outage.pending.everything
                    outage.pending = PendingInvalidation(limit=outage.pending.limit)
                try:
                    self._delete_from_redis(keys, everything)
                except REDIS_DOWN_ERRORS:
                    # Not cleaned yet: keep them for the next attempt.
                    with outage.lock:
                        if everything:
                            outage.pending.wipe()
                        else:
                            outage.pending.add(keys)
                    raise
            self.client.get_client(write=True).ping()
        except REDIS_DOWN_ERRORS:
            with outage.lock:
                outage.last_failure = monotonic()
            return False
        with outage.lock:
            if not outage.pending.is_empty():
                # A write went to the fallback while we cleaned; next call cleans it.
                outage.last_failure = None
                return False
            lasted = monotonic() - (outage.down_since or 0)
            outage.down_since = None
            outage.last_failure = None
        # The fallback's values are from the outage; the next one starts empty.
        self.fallback.clear()
        logger.warning("Redis answers again after %.0f s; using it again", lasted)
        return True

    def _delete_from_redis(self, keys: set[tuple[str, int]], everything: bool) -> None:
        client = self.client.get_client(write=True)
        if everything:
            pattern = _glob_escape(self.key_prefix) + ":*"
            batch = []
            for redis_key in client.scan_iter(match=pattern, count=DELETE_BATCH):
                batch.append(redis_key)
                if len(batch) >= DELETE_BATCH:
                    client.delete(*batch)
                    batch = []
            if batch:
                client.delete(*batch)
            return
        redis_keys = [self.make_key(key, version=version) for key, version in keys]
        for start in range(0, len(redis_keys), DELETE_BATCH):
            client.delete(*redis_keys[start : start + DELETE_BATCH])

    def _went_down(self, error: BaseException) -> None:
        outage = self._outage
        with outage.lock:
            now = monotonic()
            outage.last_failure = now
            if outage.is_down:
                return
            outage.down_since = now
        # Once per outage, not per request.
        logger.warning(
            "Redis does not answer (%s); serving from the database and a per-process "
            "cache until it does",
            error,
        )

    def _remember(self, keys: Iterable[tuple[str, int]] = (), *, everything=False) -> None:
        outage = self._outage
        with outage.lock:
            if everything:
                outage.pending.wipe()
            else:
                outage.pending.add(keys)
            if not outage.is_down:
                # Redis came back between our check and this write: make the
                # next call clean this key out of Redis before using it.
                outage.down_since = monotonic()
                outage.last_failure = None

    def _version(self, version):
        return self.version if version is None else version

    def _either(self, in_redis, in_fallback, *, writes=(), everything=False):
        if self._redis_usable():
            try:
                return in_redis()
            except REDIS_DOWN_ERRORS as error:
                self._went_down(error)
        if writes or everything:
            # Recorded even when the failed call may have reached Redis: a
            # needless delete on recovery is harmless, a stale value is not.
            self._remember(writes, everything=everything)
        return in_fallback()

    # --- the Django cache API -----------------------------------------------

    def get(self, key, default=None, version=None, client=None):
        return self._either(
            lambda: RedisCache.get(self, key, default, version, client),
            lambda: self.fallback.get(key, default, version),
        )

    def get_many(self, keys, version=None, client=None):
        keys = list(keys)
        return self._either(
            lambda: RedisCache.get_many(self, keys, version=version, client=client),
            lambda: self.fallback.get_many(keys, version=version),
        )

    def has_key(self, key, version=None, client=None):
        return self._either(
            lambda: RedisCache.has_key(self, key, version=version, client=client),
            lambda: self.fallback.has_key(key, version=version),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, client=None, **kwargs):
        if kwargs.get("nx"):
            return self.add(key, value, timeout, version)
        return self._either(
            lambda: RedisCache.set(self, key, value, timeout, version, client, **kwargs),
            lambda: self.fallback.set(key, value, timeout, version),
            writes=[(key, self._version(version))],
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        return bool(
            self._either(
                lambda: RedisCache.add(self, key, value, timeout, version, client),
                lambda: self.fallback.add(key, value, timeout, version),
                writes=[(key, self._version(version))],
            )
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        data = dict(data)
        return self._either(
            lambda: RedisCache.set_many(self, data, timeout, version=version, client=client),
            lambda: self.fallback.set_many(data, timeout, version=version),
            writes=[(key, self._version(version)) for key in data],
        )

    def delete(self, key, version=None, prefix=None, client=None):
        return self._either(
            lambda: RedisCache.delete(self, key, version=version, prefix=prefix, client=client),
            lambda: self.fallback.delete(key, version=version),
            writes=[(key, self._version(version))],
        )

    def delete_many(self, keys, version=None, client=None):
        keys = list(keys)
        return self._either(
            lambda: RedisCache.delete_many(self, keys, version=version, client=client),
            lambda: self.fallback.delete_many(keys, version=version),
            writes=[(key, self._version(version)) for key in keys],
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        return self._either(
            lambda: RedisCache.touch(self, key, timeout=timeout, version=version, client=client),
            lambda: self.fallback.touch(key, timeout, version=version),
            writes=[(key, self._version(version))],
        )

    def incr(self, key, delta=1, version=None, client=None, ignore_key_check=False):
        def in_fallback():
            if ignore_key_check and not self.fallback.has_key(key, version=version):
                self.fallback.set(key, delta, version=version)
                return delta
            return self.fallback.incr(key, delta, version=version)

        return self._either(
            lambda: RedisCache.incr(
                self,
                key,
                delta=delta,
                version=version,
                client=client,
                ignore_key_check=ignore_key_check,
            ),
            in_fallback,
            writes=[(key, self._version(version))],
        )

    def decr(self, key, delta=1, version=None, client=None):
        return self._either(
            lambda: RedisCache.decr(self, key, delta=delta, version=version, client=client),
            lambda: self.fallback.decr(key, delta, version=version),
            writes=[(key, self._version(version))],
        )

    def incr_version(self, key, delta=1, version=None, client=None):
        return self._either(
            lambda: RedisCache.incr_version(self, key, delta=delta, version=version, client=client),
            lambda: self.fallback.incr_version(key, delta, version=version),
            everything=True,
        )

    def delete_pattern(self, pattern, *args, **kwargs):
        # Neither the fallback nor the process's copies match patterns: forgetting
        # all of them is the safe answer.
        process_copies.forget()
        return self._either(
            lambda: RedisCache.delete_pattern(self, pattern, *args, **kwargs),
            self.fallback.clear,
            everything=True,
        )

    def clear(self):
        process_copies.forget()
        return self._either(
            lambda: RedisCache.clear(self),
            self.fallback.clear,
            everything=True,
        )

    def close(self, **kwargs):
        with contextlib.suppress(REDIS_DOWN_ERRORS):
            super().close(**kwargs)
