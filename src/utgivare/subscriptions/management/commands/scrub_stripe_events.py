"""Remove personal data from stored Stripe events that no longer need it.

Run daily (cron or a systemd timer), with `purge_comment_ips`:
`utgivare scrub_stripe_events`. Processed events are scrubbed when they are
processed; this catches events that never could be (after
STRIPE_EVENT_RETENTION_DAYS) and any processed before scrubbing existed.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from utgivare.subscriptions import event_privacy


class Command(BaseCommand):
    help = "Radera personuppgifter ur sparade Stripe-händelser som inte längre behöver dem."

    def handle(self, *args, **options):
        count = event_privacy.scrub_due(timezone.now())
        self.stdout.write(f"Personuppgifter rensade ur {count} Stripe-händelser.")
