"""Signed, expiring media addresses: who a file was handed to, and until when.

A token is `<file id>.<subject>.<expires>.<signature>`; the signature is an HMAC
(key from SECRET_KEY, salted for this use) over the other three, so a changed file
id, subject or expiry is refused, and a token is refused after `expires` (Unix
seconds; 0 means "does not expire", used only for free files in public feeds).

Subjects: "p" public (a free piece), "m" a reader the page let in on the monthly
meter (short expiry), "u<user id>" a subscriber (page or private feed) whose
entitlements are asked again. What a subject may
fetch is decided again at every fetch (`media.access`), never by the token alone.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "utgivare.media.signed-url"
_SUBJECT = re.compile(r"^(p|m|u[0-9]{1,18})$")


@dataclass(frozen=True)
class Grant:
    file_id: int
    subject: str
    expires: int

    @property
    def user_id(self) -> int | None:
        return int(self.subject[1:]) if self.subject.startswith("u") else None


def _signature(payload: str, salt: str = _SALT) -> str:
    return salted_hmac(salt, payload, algorithm="sha256").hexdigest()[:32]


def sign(file_id: int, subject: str, expires: dt.datetime | None, salt: str = _SALT) -> str:
    """`salt` keeps another kind of address apart (web-TV signs page ids, not file ids):
    a token made under one salt is refused under every other."""
    if not _SUBJECT.match(subject):
        raise ValueError(f"not a media subject: {subject!r}")
    if expires is None and subject != "p":
        raise ValueError("only public addresses may be made without an expiry")
    stamp = 0 if expires is None else int(expires.timestamp())
    payload = f"{int(file_id)}.{subject}.{stamp}"
    return f"{payload}.{_signature(payload, salt)}"


def verify(token: str, now: dt.datetime, salt: str = _SALT) -> Grant | None:
    """The grant in a token, or None when it was changed, is malformed or has expired."""
    parts = token.split(".")
    if len(parts) != 4:
        return None
    file_id, subject, stamp, signature = parts
    if not (file_id.isascii() and file_id.isdigit() and len(file_id) < 19):
        return None
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) < 13):
        return None
    if not _SUBJECT.match(subject):
        return None
    if not constant_time_compare(signature, _signature(f"{file_id}.{subject}.{stamp}", salt)):
        return None
    expires = int(stamp)
    if expires == 0 and subject != "p":
        # Only public addresses of free pieces are made without an expiry.
        return None
    if expires and now.timestamp() >= expires:
        return None
    return Grant(int(file_id), subject, expires)
