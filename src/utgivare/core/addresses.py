"""Which e-mail addresses belong to an account: only the ones it has proven.

Anyone can type any address into "Lägg till e-postadress". Until the address
is confirmed (allauth's EmailAddress.verified), it says nothing about who the
reader is, so it must not tie anything to the account: not comments in the
data export or the deletion, not reply notices, not a subscription that staff
register for that address. Every place that goes from an address to an
account, or from an account to its addresses, asks this module.
"""

from allauth.account.models import EmailAddress
from django.db.models import Q


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def confirmed_addresses(user) -> frozenset[str]:
    """The addresses this user has confirmed, lower-cased.

    `user.email` counts only when it is one of them: it is the address typed
    at sign-up, and an unconfirmed sign-up proves nothing.
    """
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return frozenset()
    return frozenset(
        normalise(email)
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    )


def is_confirmed_address(user, email: str) -> bool:
    return bool(email) and normalise(email) in confirmed_addresses(user)


def matching_any(field: str, addresses) -> Q:
    """Q for rows whose `field` is one of `addresses`, case-insensitively
    (rows from an import or an older version may not be lower-cased).
    Matches nothing when there are no addresses."""
    match = Q(pk__in=[])
    for address in addresses:
        match |= Q(**{f"{field}__iexact": address})
    return match


def owner_of(email: str):
    """The account that has confirmed this address, or None."""
    address = (
        EmailAddress.objects.filter(email__iexact=normalise(email), verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address is not None else None
