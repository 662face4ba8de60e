"""The address a request came from, for rate limits and bans (never stored raw by us)."""

from django.conf import settings


def client_ip(request) -> str:
    """The reader's address. Behind N trusted proxies (COMMENTS_TRUSTED_PROXIES, set by
    TRUSTED_PROXIES), the Nth address from the right of X-Forwarded-For; else REMOTE_ADDR."""
    proxies = int(getattr(settings, "COMMENTS_TRUSTED_PROXIES", 0) or 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
