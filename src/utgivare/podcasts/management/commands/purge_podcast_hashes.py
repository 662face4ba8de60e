"""`utgivare purge_podcast_hashes` (daily, beside purge_comment_ips): forget the address
hashes podcast counting no longer needs.

- private-feed fetches (keyed IP hash per feed and day) after FEED_FETCH_DAYS;
- a download's listener key after two days (the 24-hour rule needs no more); the
  download itself stays counted.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from utgivare.media.models import Download

from ...models import FeedFetch
from ...private_feed import FEED_FETCH_DAYS

LISTENER_KEY_DAYS = 2


class Command(BaseCommand):
    help = "Raderar adresskontrollsummor för poddflöden och nedladdningar som inte längre behövs."

    def handle(self, *args, **options):
        now = timezone.now()
        fetches, _ = FeedFetch.objects.filter(
            day__lt=(now - dt.timedelta(days=FEED_FETCH_DAYS)).date()
        ).delete()
        listeners = (
            Download.objects.filter(counted_at__lt=now - dt.timedelta(days=LISTENER_KEY_DAYS))
            .exclude(listener="")
            .update(listener="")
        )
        self.stdout.write(f"{fetches} flödeshämtningar och {listeners} lyssnarnycklar raderade.")
