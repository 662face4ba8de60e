"""Adapter between a request and paywall.access.decide.

PLACEHOLDER until the paywall issue lands: everyone reads everything.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Access:
    full: bool = True
    reason: str = "free"
    free_left: int | None = None
    # The piece's own level, not this reader's: false for metered and paid pieces.
    is_accessible_for_free: bool = True

    @property
    def variant(self) -> str:
        return "full" if self.full else "teaser"


def access_for_request(request, piece) -> Access:
    return Access()


def public_variant(piece) -> str:
    """What a surface that is the same for everyone (feeds, search, sitemaps) may show.

    "full" only for pieces whose effective access level is free; else "teaser".
    """
    return "full"
