"""Deleting a reader's account: every app erases its data, then the account goes."""

from django.db import transaction

from utgivare.core import personal_data


def delete_account(user) -> None:
    """Erase or anonymise the reader's data in every app, then delete the account.

    One transaction: if any app cannot finish (Stripe unreachable when a card
    subscription must be stopped), nothing is deleted and the reader can retry.
    """
    with transaction.atomic():
        personal_data.erase_all(user)
        user.delete()
