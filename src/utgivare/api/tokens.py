"""Making, finding and revoking readers' API keys.

A reader has at most one active key: making a new one revokes the old, so a
leaked key is stopped by making a new one, and "Mitt konto" has one thing to show.
The key itself is never stored; see models.ApiToken.
"""

import datetime as dt
import hashlib
import secrets

from django.db import transaction

from .models import ApiToken

KEY_PREFIX = "utg_"
# How much of the key "Mitt konto" shows to tell keys apart (prefix + 4 characters).
SHOWN_CHARACTERS = len(KEY_PREFIX) + 4
# Recording every use would write on every API call; once an hour says enough.
USE_RECORD_INTERVAL = dt.timedelta(hours=1)
# Longer is never a key we made: refuse before hashing anything large.
MAX_KEY_LENGTH = 100


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_key(key: str) -> bool:
    return key.startswith(KEY_PREFIX) and len(key) <= MAX_KEY_LENGTH and key.isascii()


def active_token(user) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).first()


@transaction.atomic
def create(user, now: dt.datetime) -> tuple[ApiToken, str]:
    """A new key for `user` (the previous one is revoked): (row, the key to show once)."""
    revoke(user, now)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, key_hash=key_hash(key), prefix=key[:SHOWN_CHARACTERS], created_at=now
    )
    return token, key


def revoke(user, now: dt.datetime) -> int:
    """Stop every active key of `user`; how many were stopped."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)


def token_for_key(key: str, now: dt.datetime) -> ApiToken | None:
    """The active key's row, with its user, or None for an unknown, revoked or odd key."""
    if not looks_like_key(key):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= USE_RECORD_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def export(user) -> list[dict]:
    """For "Ladda ner mina uppgifter": the keys' visible starts and dates, never hashes."""
    return [
        {
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
        }
        for token in ApiToken.objects.filter(user=user).order_by("created_at")
    ]


def erase(user) -> None:
    ApiToken.objects.filter(user=user).delete()
