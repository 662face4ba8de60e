"""Keyed hashes of readers' addresses: the one way any app keeps track of an address
without storing it (comments' bans and rate limits, podcast downloads, private-feed
sharing).

`ip_hash(ip, key)` is HMAC-SHA256 over the address (IPv4) or its /64 network (IPv6),
shortened to 20 hex characters. Each use derives its own key from SECRET_KEY with
`ip_key(purpose)`, so hashes stored for one purpose cannot be matched against another's.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def network_of(ip: str) -> str:
    """The unit we hash: the address itself for IPv4, its /64 network for IPv6.

    One IPv6 household usually holds a whole /64; hashing single addresses
    would let anyone dodge a ban by picking another address in it.
    """
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def ip_hash(ip: str, key: bytes) -> str:
    """A keyed hash (HMAC-SHA256, shortened): equal addresses give equal hashes,
    so bans and rate limits work, but without the server's key nobody can test
    an address against it. 20 hex characters: collisions are negligible at our
    scale, and it holds no more than the task needs."""
    network = network_of(ip)
    if not network:
        return ""
    return hmac.new(key, network.encode(), hashlib.sha256).hexdigest()[:20]


def ip_key(purpose: str) -> bytes:
    """The key for one purpose's IP hashes, derived from SECRET_KEY (so it never leaves
    the server). Changing SECRET_KEY changes every hash: stored ones stop matching."""
    return hashlib.sha256(f"{purpose}:".encode() + settings.SECRET_KEY.encode()).digest()


def client_ip(request) -> str:
    """The reader's address. Behind N trusted proxies (COMMENTS_TRUSTED_PROXIES),
    the Nth address from the right of X-Forwarded-For; else REMOTE_ADDR."""
    proxies = int(getattr(settings, "COMMENTS_TRUSTED_PROXIES", 0) or 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
