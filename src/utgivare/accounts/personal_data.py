"""The account itself in "download my data" and "delete my account"."""

from allauth.account.models import EmailAddress


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
    }


def erase(user) -> None:
    """Nothing here: the account row (and with it its e-mail addresses) is deleted
    last, by deletion.delete_account, after every other app has used it to find
    its own data."""
