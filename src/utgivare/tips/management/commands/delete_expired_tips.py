"""Delete tips past the inbox's retention time (unless kept on purpose).

Run daily (cron or a systemd timer): `utgivare delete_expired_tips`.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from utgivare.tips.inbox import delete_expired


class Command(BaseCommand):
    help = "Radera tips vars lagringstid har gått ut (utom sparade tips)."

    def handle(self, *args, **options):
        deleted = delete_expired(timezone.localdate())
        self.stdout.write(f"{deleted} tips raderade.")
