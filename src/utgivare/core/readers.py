"""Finding or creating a reader's account from an e-mail address (staff use)."""

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from . import addresses


def reader_by_email(email: str):
    """The account that has confirmed this address. An address someone merely
    added to their account, or signed up with and never confirmed, ties
    nothing to it: a subscription registered for that address gets its own
    account, which the payer proves with a login code."""
    return addresses.owner_of(email)


@transaction.atomic
def get_or_create_reader(email: str, *, first_name: str = "", last_name: str = ""):
    """(user, created). A new reader has no password: they log in with a code by e-mail."""
    email = email.strip().lower()
    existing = reader_by_email(email)
    if existing is not None:
        return existing, False
    User = get_user_model()
    user = User(email=email, first_name=first_name, last_name=last_name)
    user.username = _free_username(email)
    user.set_unusable_password()
    user.save()
    # Staff vouch for the address (the reader gave it when paying); the
    # login code sent to it proves it again at first login.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, True


def _free_username(email: str) -> str:
    return get_adapter().generate_unique_username([email.split("@")[0], email, "reader"])
