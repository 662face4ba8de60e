"""Moved to `utgivare.core.addresses` (subscriptions, on a lower floor, needs it too).

Kept only for `comments.services`, which still imports it from here; remove once
it imports `utgivare.core.addresses`.
"""

from utgivare.core.addresses import (  # noqa: F401
    confirmed_addresses,
    is_confirmed_address,
    matching_any,
    normalise,
    owner_of,
)
