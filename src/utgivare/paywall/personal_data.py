"""The paywall's personal data: a logged-in reader's meter for the current month."""

from wagtail.models import Page

from .models import AccountMeter


def export(user) -> dict:
    row = AccountMeter.objects.filter(user=user).first()
    if row is None:
        return {}
    walled = [row.last_walled_page_id] if row.last_walled_page_id else []
    titles = dict(Page.objects.filter(pk__in=[*row.piece_ids, *walled]).values_list("pk", "title"))
    data = {
        "month": row.month,
        "read_this_month": [
            {"id": piece_id, "title": titles.get(piece_id, "")} for piece_id in row.piece_ids
        ],
    }
    if walled:
        data["last_paywall_met"] = {"id": walled[0], "title": titles.get(walled[0], "")}
    return data


def erase(user) -> None:
    AccountMeter.objects.filter(user=user).delete()
