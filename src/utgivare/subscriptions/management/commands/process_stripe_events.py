from django.core.management.base import BaseCommand

from utgivare.subscriptions import webhooks
from utgivare.subscriptions.models import StripeWebhookEvent


class Command(BaseCommand):
    help = "Apply stored Stripe events that are not yet processed (after an error or outage)."

    def handle(self, *args, **options):
        pending = StripeWebhookEvent.objects.filter(processed_at=None).order_by(
            "stripe_created", "pk"
        )
        count = 0
        for pk in pending.values_list("pk", flat=True):
            outcome = webhooks.process(pk)
            count += 1
            self.stdout.write(f"{pk}: {outcome}")
        self.stdout.write(self.style.SUCCESS(f"{count} event(s) processed."))
