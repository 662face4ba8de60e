from django.core.management.base import BaseCommand
from django.utils import timezone

from utgivare.subscriptions import ordering


class Command(BaseCommand):
    help = "E-mail readers whose manual subscription ends within two weeks (once per period)."

    def handle(self, *args, **options):
        sent = ordering.send_renewal_reminders(timezone.now())
        self.stdout.write(f"Påminnelser skickade: {sent}.")
