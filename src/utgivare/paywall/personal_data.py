"""The paywall's personal data: a logged-in reader's meter for the current month."""

from wagtail.models import Page

from .models import AccountMeter


def export(user) -> dict:
    row = AccountMeter.objects.filter(user=user).first()
    if row is None:
        return {}
    titles = dict(Page.objects.filter(pk__in=row.piece_ids).values_list("pk", "title"))
    return {
        "month": row.month,
        "read_this_month": [
            {"id": piece_id, "title": titles.get(piece_id, "")} for piece_id in row.piece_ids
        ],
    }


def erase(user) -> None:
    AccountMeter.objects.filter(user=user).delete()
