"""May this grant fetch this file now: the rule for signed media addresses.

A pure function of the grant, the piece's effective level and the subject's
entitlements, the same inputs the paywall decides pages by.
"""

from dataclasses import dataclass

from utgivare.paywall import access as paywall_access
from utgivare.paywall.levels import AccessLevel

ALLOWED = "allowed"
NOT_ENTITLED = "not_entitled"


@dataclass(frozen=True)
class FetchDecision:
    allowed: bool
    reason: str


def subject_for(access, user) -> str | None:
    """Who a page hands a media address to, from the gate's decision on the page
    (`paywall.gate.Access`): "p" for a free piece (the same address for everyone),
    "u<id>" for a subscriber or staff (asked again at each fetch), "m" for a reader
    the meter let in; None when the reader may not have the file at all. Podcasts
    and web-TV both hand out addresses by this one rule."""
    if not access.full:
        return None
    if access.is_accessible_for_free:
        return "p"
    if (
        user is not None
        and user.is_authenticated
        and access.reason in (paywall_access.SUBSCRIBER, paywall_access.STAFF)
    ):
        return f"u{user.pk}"
    return "m"


def may_fetch(*, subject: str, level: str, covered: bool, is_staff: bool) -> FetchDecision:
    """`level` is the piece's effective level; `covered` whether the subject's
    subscription covers the piece's content type now.

    - a free piece: anyone holding a valid token;
    - a subscriber's token ("u<id>"): while a subscription covers the content type
      (or the subject is staff);
    - a metered piece: also a meter token ("m"), which the page hands out only after
      the gate let the reader in (it expires within hours);
    - a public token ("p") reaches free pieces only.
    """
    if level == AccessLevel.FREE:
        return FetchDecision(True, ALLOWED)
    if subject.startswith("u") and (covered or is_staff):
        return FetchDecision(True, ALLOWED)
    if level == AccessLevel.METERED and subject == "m":
        return FetchDecision(True, ALLOWED)
    return FetchDecision(False, NOT_ENTITLED)
