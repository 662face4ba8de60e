"""Delete commenters' IP addresses and IP hashes older than each site's retention time,
and reporters' address hashes after privacy.REPORTER_HASH_DAYS (under every IP policy),
and sealed copies of comments removed as illegal once their time is up (comments/legal.py).

Run daily (cron or a systemd timer): `utgivare purge_comment_ips`.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import Site

from utgivare.comments.models import CommentSettings
from utgivare.comments.moderating import delete_expired_sealed_copies
from utgivare.comments.personal_data import purge_ip_data, purge_reporter_hashes


class Command(BaseCommand):
    help = "Radera kommentatorers IP-adresser och IP-kontrollsummor som är äldre än lagringstiden."

    def handle(self, *args, **options):
        now = timezone.now()
        total = 0
        # Each site purges its own page tree with its own retention time.
        # (Comments can only be posted on live pages within a site.)
        for site in Site.objects.select_related("root_page"):
            days = CommentSettings.for_site(site).ip_retention_days
            total += purge_ip_data(
                older_than=now - dt.timedelta(days=days), under_path=site.root_page.path
            )
        reports = purge_reporter_hashes(now=now)
        sealed = delete_expired_sealed_copies(timezone.localdate())
        if sealed:
            self.stdout.write(f"{sealed} förseglade kopior av olagliga kommentarer raderade.")
        self.stdout.write(
            f"IP-uppgifter raderade från {total} kommentarer och {reports} anmälningar."
        )
