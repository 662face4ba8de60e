"""The unlocked inbox key, kept for one editor's admin session for a short while.

The key is split between two places: the cache holds it encrypted, the
session holds the key to that (and the cache entry's name). Neither the
session table nor the cache alone opens a tip, and both forget it after
TIPS_UNLOCK_MINUTES (default 15) or when the editor locks the inbox.
"""

import secrets

from django.conf import settings
from django.core.cache import cache

from . import sealing

SESSION_KEY = "tips_unlocked"


def _minutes() -> int:
    return getattr(settings, "TIPS_UNLOCK_MINUTES", 15)


def remember(session, private_key: bytes) -> None:
    name = secrets.token_urlsafe(16)
    wrapping = sealing.random_key()
    cache.set(f"tips-unlocked:{name}", sealing.lock_with(wrapping, private_key), _minutes() * 60)
    session[SESSION_KEY] = {"name": name, "key": wrapping.hex()}


def recall(session) -> bytes | None:
    held = session.get(SESSION_KEY)
    if not held:
        return None
    locked = cache.get(f"tips-unlocked:{held['name']}")
    if locked is None:
        forget(session)
        return None
    try:
        return sealing.open_with(bytes.fromhex(held["key"]), locked)
    except (sealing.WrongSecret, ValueError):
        forget(session)
        return None


def forget(session) -> None:
    held = session.pop(SESSION_KEY, None)
    if held:
        cache.delete(f"tips-unlocked:{held['name']}")
