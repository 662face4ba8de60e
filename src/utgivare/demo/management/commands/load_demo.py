"""`utgivare load_demo`: the demo publication "Norrviks Kurir", ready to click through.

Safe to run again: what exists is found and kept, what is missing is created.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from utgivare.demo.accounts import load_accounts
from utgivare.demo.blogs import load_blogs
from utgivare.demo.content import ContentError
from utgivare.demo.integrity import DEMO_TIPS_PASSPHRASE, load_integrity
from utgivare.demo.magazine import load_magazine
from utgivare.demo.podcasts import load_podcasts
from utgivare.demo.webtv import load_webtv

KIND_LABELS = {
    "home": "startsida",
    "sections": "sektioner",
    "issue index": "nummerarkiv",
    "author index": "skribentsida",
    "authors": "skribenter",
    "articles": "artiklar",
    "issues": "nummer",
}


# Loggers that report every page saved and every task run; the summary says it shorter.
CHATTY_LOGGERS = ("wagtail", "django_tasks", "modelsearch")


@contextmanager
def quiet_loggers(names=CHATTY_LOGGERS):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Läser in demotidskriften Norrviks Kurir med nummer, artiklar, bilder och demokonton."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Skriv över befintliga demosidor med innehållet i filerna (ny version).",
        )

    def handle(self, *args, refresh=False, **options):
        try:
            with quiet_loggers(), transaction.atomic():
                result = load_magazine(refresh=refresh)
                logins = load_accounts()
                load_blogs(result["home"], result["authors"])
                load_podcasts(result["home"])
                load_webtv(result["home"])
                load_integrity(result["articles"])
        except (ContentError, KeyError, ValueError) as error:
            raise CommandError(f"Demoinnehållet kunde inte läsas: {error}") from error
        self.print_summary(result, logins)

    def print_summary(self, result, logins):
        report = result["report"]
        out = self.stdout
        out.write(self.style.SUCCESS("Norrviks Kurir är inläst."))
        for kind, label in KIND_LABELS.items():
            created, updated, kept = (
                report.created[kind],
                report.updated[kind],
                report.existing[kind],
            )
            parts = [f"{created} nya"] if created else []
            if updated:
                parts.append(f"{updated} uppdaterade")
            if kept:
                parts.append(f"{kept} fanns redan")
            out.write(f"  {label}: {', '.join(parts) or '0'}")
        out.write(f"  bilder: {report.images_created} nya")
        latest = max(result["issues"]) if result["issues"] else None
        if latest:
            out.write(f"  senaste numret: #{latest} {result['issues'][latest].title}")
        out.write("")
        out.write(self.style.MIGRATE_HEADING("Demokonton"))
        width = max((len(label) for label, _, _ in logins), default=0)
        for label, email, password in logins:
            out.write(f"  {label.ljust(width)}  {email}  lösenord: {password}")
        out.write(f"  Tipslådans lösenfras (admin > Tips): {DEMO_TIPS_PASSPHRASE}")
        out.write(
            "  Signaturen Nattpatrullens verkliga namn är förseglat: lås upp tipslådan "
            "och läs det under Signaturer (loggas)."
        )
        out.write("")
        out.write(self.style.MIGRATE_HEADING("Adresser"))
        # Where this site answers (SITE_URL), not a fixed port: `runserver 8300` is common.
        site_url = f"{settings.SITE_URL.rstrip('/')}/"
        out.write(f"  Webbplatsen:  {site_url}")
        out.write(f"  Redigering:   {site_url}admin/  (Wagtail)")
        if latest:
            out.write(f"  Senaste nr:   {site_url}nummer/{latest}/")
