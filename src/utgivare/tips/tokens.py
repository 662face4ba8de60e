"""A signed token in each tip form instead of a CSRF cookie.

Django's CSRF protection needs a cookie, which would let two visits be linked.
The form instead carries a random value signed with the site's key: another
site cannot forge one, it expires, and each is accepted once (so a reloaded
receipt page does not file the tip twice).
"""

import secrets

from django.core import signing
from django.core.cache import cache

SALT = "utgivare.tips.form"
MAX_AGE_SECONDS = 6 * 3600


def new_token() -> str:
    return signing.TimestampSigner(salt=SALT).sign(secrets.token_urlsafe(16))


def check(token: str) -> bool:
    """Valid, fresh, and not used before."""
    try:
        nonce = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    return cache.add(f"tips-form-used:{nonce}", 1, timeout=MAX_AGE_SECONDS)
