"""Who is calling the API, and what each piece's body may show them.

The API never spends the meter: it has no browser to carry the meter cookie
and a program reading a list would use a month's free reads in one call. So
for a metered piece the decision is made as for a reader with no free reads
left (paywall.access.decide with an empty meter and a limit of 0): callers
whose subscription covers the piece (and staff) get the body, everyone else
the teaser. Free pieces are full for everyone.
"""

import datetime as dt
from dataclasses import dataclass

from utgivare.paywall import access, gate
from utgivare.subscriptions.entitlements import NOTHING, Entitlements, for_reader

from . import tokens
from .models import ApiToken


class BadKey(Exception):
    """An Authorization header that names no active key: 401, never the anonymous answer."""


@dataclass(frozen=True)
class Caller:
    token: ApiToken | None = None
    entitlements: Entitlements = NOTHING
    is_staff: bool = False

    @property
    def authenticated(self) -> bool:
        return self.token is not None

    @property
    def token_id(self) -> int | None:
        return self.token.pk if self.token else None


ANONYMOUS = Caller()


def key_from_header(header: str) -> str | None:
    """The key of "Authorization: Bearer <key>"; None without the header; BadKey otherwise."""
    if not header:
        return None
    scheme, _space, key = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise BadKey
    return key.strip()


def caller_for(authorization: str, now: dt.datetime) -> Caller:
    key = key_from_header(authorization)
    if key is None:
        return ANONYMOUS
    token = tokens.token_for_key(key, now)
    if token is None:
        raise BadKey
    staff = gate.is_staff(token.user)
    return Caller(
        token=token,
        entitlements=NOTHING if staff else for_reader(token.user, now),
        is_staff=staff,
    )


def body_decision(caller: Caller, piece, paywall_settings, now: dt.datetime) -> access.Decision:
    """May `caller` have the full body of `piece`? The one decision, without a meter."""
    return access.decide(
        entitlements=caller.entitlements,
        level=gate.piece_level(piece, paywall_settings),
        content_type=piece.paywall_content_type,
        meter=access.EMPTY_METER,
        piece_id=piece.pk,
        limit=0,
        now=now,
        is_staff=caller.is_staff,
    )
