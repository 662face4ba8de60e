"""Signed links in e-mails to commenters: confirm reply notifications, or stop them."""

from django.core import signing

SALT = "utgivare.comments.reply-notifications"
# A confirmation link works for a week; an unsubscribe link always.
CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 3600


def make(email: str, purpose: str) -> str:
    return signing.dumps({"e": email, "p": purpose}, salt=SALT, compress=True)


def read(token: str, purpose: str) -> str | None:
    """The e-mail address the token was made for, or None if forged, expired or mismatched."""
    max_age = CONFIRM_MAX_AGE_SECONDS if purpose == "confirm" else None
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != purpose:
        return None
    return data.get("e") or None
