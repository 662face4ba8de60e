"""How many API requests a caller may make: a fixed window per key or per address.

`decide` is the rule (pure); `hit` counts in the cache. Callers with a key are
counted per key; anonymous callers per keyed hash of their address (its /64 for
IPv6), so the cache never holds an address. A cache that is down falls back to
one count per app process (core.cache), which only makes the limit looser.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from utgivare.comments.privacy import ip_hash


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    # Seconds until the window that refused the request ends (0 when allowed).
    retry_after: int = 0


UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(text: str) -> Rate:
    """ "60/m" -> Rate(60, 60). A typo in the setting fails loudly at startup."""
    count, _slash, unit = text.strip().partition("/")
    if unit not in UNITS or not count.isdigit() or int(count) < 1:
        raise ValueError(f"API rate must look like '60/m', not {text!r}")
    return Rate(int(count), UNITS[unit])


def window(now: float, rate: Rate) -> tuple[int, int]:
    """(which window `now` falls in, whole seconds until it ends, at least 1)."""
    index = int(now // rate.seconds)
    return index, max(1, int((index + 1) * rate.seconds - now + 0.999))


def decide(count: int, rate: Rate, now: float) -> RateDecision:
    """The `count`-th request in the window that holds `now`."""
    if count <= rate.requests:
        return RateDecision(True)
    return RateDecision(False, retry_after=window(now, rate)[1])


def address_key() -> bytes:
    """Its own key from SECRET_KEY, so the hashes match nothing else the site stores."""
    return hashlib.sha256(b"utgivare.api.rate-limit:" + settings.SECRET_KEY.encode()).digest()


def caller_identity(token_id: int | None, address: str) -> str:
    if token_id is not None:
        return f"key{token_id}"
    return "ip" + (ip_hash(address, address_key()) or "unknown")


def rate_for(token_id: int | None) -> Rate:
    if token_id is not None:
        return parse_rate(settings.API_RATE_LIMIT_KEY)
    return parse_rate(settings.API_RATE_LIMIT_ANONYMOUS)


def hit(identity: str, rate: Rate, now: float) -> RateDecision:
    """Count one request of `identity` and decide on it."""
    index, seconds_left = window(now, rate)
    key = f"api-rate:{identity}:{rate.seconds}:{index}"
    cache.add(key, 0, timeout=seconds_left + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the window's first
        cache.set(key, 1, timeout=seconds_left + 1)
        count = 1
    return decide(count, rate, now)
