"""A reader's private feed in the data export and on deletion."""

from .models import PrivateFeed


def export(user):
    feed = PrivateFeed.objects.filter(user=user).first()
    if feed is None:
        return None
    return {
        "created_at": feed.created_at.isoformat(),
        "revoked_at": feed.revoked_at.isoformat() if feed.revoked_at else None,
        "fetch_days_with_address_hashes": feed.fetches.count(),
    }


def erase(user):
    PrivateFeed.objects.filter(user=user).delete()
