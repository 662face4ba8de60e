"""Copies, in this process, of cache entries whose key names their version.

Most of what a per-reader page reads from the cache is kept under a key that
carries the version of what it was built from: the content version
(core.content_version: the site, the route, the site settings, the author's
title) or page-cache tag versions (a piece's shell, a reader's permissions). The
value under such a key never changes; a change makes a new key. So a process
may keep its own copy and skip the round trip to a shared cache (Redis): each
one costs a system call each way and Redis's own CPU, on the same cores as the
app. A copy can never outlive a version change, because the version is read as
before (the content version once per request; tag versions within
`page_cache.MEMO_SECONDS`) and a new version makes a key this process has not
seen.

Only for a cache outside the process: with local memory the cache is already
here. A copy is kept pickled, as Redis keeps it, and each use gets its own
object, so a request cannot change what the next one sees. Bounded by entries
and bytes, the least recently used going first; a value larger than
`MAX_VALUE_BYTES` is not copied. `cache.clear()` and `delete_pattern` on the
Redis cache forget the copies of their process (core.cache); other processes
keep theirs, which is right for keys that name their version.
"""

import pickle
import threading
from collections import OrderedDict

from django.conf import settings

MAX_ENTRIES = 2000
MAX_BYTES = 16 * 1024 * 1024
MAX_VALUE_BYTES = 1024 * 1024
# Backends whose cache is already in this process (or nothing at all).
_IN_PROCESS = ("django.core.cache.backends.locmem.", "django.core.cache.backends.dummy.")

_MISSING = object()


class ProcessCopies:
    """A bounded least-recently-used store of pickled values."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, default=None):
        with self._lock:
            pickled = self._entries.get(key)
            if pickled is None:
                return default
            self._entries.move_to_end(key)
        return pickle.loads(pickled)  # noqa: S301 - our own pickle of a value from our cache

    def put(self, key: str, value) -> None:
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(pickled) > MAX_VALUE_BYTES:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._entries[key] = pickled
            self._bytes += len(pickled)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_in_bytes(self) -> int:
        return self._bytes


copies = ProcessCopies()


def enabled() -> bool:
    return not settings.CACHES["default"]["BACKEND"].startswith(_IN_PROCESS)


def get(key: str):
    """`cache.get(key)` for a key that names its version: this process's copy if it
    has one, else the cache's value (then copied). None when neither has it."""
    from django.core.cache import cache  # noqa: PLC0415 - the cache backend imports this module

    if not enabled():
        return cache.get(key)
    value = copies.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = cache.get(key)
    if value is not None:
        copies.put(key, value)
    return value


def set(key: str, value, timeout) -> None:  # noqa: A001 - as the cache's own `set`
    """`cache.set(key, value, timeout)`, and this process's copy."""
    from django.core.cache import cache  # noqa: PLC0415 - the cache backend imports this module

    cache.set(key, value, timeout)
    if enabled():
        copies.put(key, value)


def forget() -> None:
    """Drop every copy of this process (the cache was emptied)."""
    copies.clear()
