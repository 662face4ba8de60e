"""`utgivare load_demo`: the demo publication "Norrviks Kurir", ready to click through.

Safe to run again: what exists is found and kept, what is missing is created.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from utgivare.demo.content import ContentError
from utgivare.demo.magazine import load_magazine

FALLBACK_ADMIN = ("Redaktör (administratör)", "redaktor", "redaktor@example.org")
# A demo login printed on the console for a local demo database, not a secret.
FALLBACK_PASSWORD = "norrvik-demo-2026"  # noqa: S105

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


def optional_loader(module: str, name: str):
    """Another app's demo loader, or None while that module does not exist yet."""
    try:
        imported = __import__(f"utgivare.demo.{module}", fromlist=[name])
    except ImportError as error:
        if error.name and error.name.startswith(f"utgivare.demo.{module}"):
            return None
        raise
    return getattr(imported, name, None)


class Command(BaseCommand):
    help = "Läser in demotidskriften Norrviks Kurir med nummer, artiklar, bilder och demokonton."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Skriv över befintliga demosidor med innehållet i filerna (ny version).",
        )
        parser.add_argument(
            "--image-scale",
            type=float,
            default=None,
            help="Bildernas storlek jämfört med full storlek (1.0), t.ex. 0.25 för snabbare.",
        )

    def handle(self, *args, refresh=False, image_scale=None, **options):
        load_accounts = optional_loader("accounts", "load_accounts")
        load_blogs = optional_loader("blogs", "load_blogs")
        try:
            with quiet_loggers(), transaction.atomic():
                result = load_magazine(image_scale=image_scale, refresh=refresh)
                logins = load_accounts() if load_accounts else self.fallback_admin()
                if load_blogs:
                    load_blogs(result["home"], result["authors"])
        except ContentError as error:
            raise CommandError(f"Demoinnehållet kunde inte läsas: {error}") from error
        self.print_summary(result, logins, blogs=load_blogs is not None)

    def fallback_admin(self):
        """Without the accounts app's demo users, at least one editor can log in."""
        label, username, email = FALLBACK_ADMIN
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            User.objects.create_superuser(username, email, FALLBACK_PASSWORD)
        elif not user.check_password(FALLBACK_PASSWORD):
            # Someone changed the demo password; print that it is unknown rather than lie.
            return [(label, email, "(ändrat – okänt)")]
        return [(label, email, FALLBACK_PASSWORD)]

    def print_summary(self, result, logins, blogs: bool):
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
        if not blogs:
            out.write("  (bloggarna läses inte in: utgivare.demo.blogs finns inte ännu)")
        out.write("")
        out.write(self.style.MIGRATE_HEADING("Demokonton"))
        width = max((len(label) for label, _, _ in logins), default=0)
        for label, email, password in logins:
            out.write(f"  {label.ljust(width)}  {email}  lösenord: {password}")
        out.write("")
        out.write(self.style.MIGRATE_HEADING("Adresser"))
        # Where this site answers (SITE_URL), not a fixed port: `runserver 8300` is common.
        site_url = f"{settings.SITE_URL.rstrip('/')}/"
        out.write(f"  Webbplatsen:  {site_url}")
        out.write(f"  Redigering:   {site_url}admin/  (Wagtail)")
        if latest:
            out.write(f"  Senaste nr:   {site_url}nummer/{latest}/")
