"""utgivare import_wordpress EXPORT.xml (--blog SLUG | --section SLUG) [--media-dir DIR]

Imports a WordPress export (Tools → Export → All content) into one blog or one
section, in one transaction, with a progress bar and a summary. Run it again
with a newer export: what changed is updated, nothing is made twice.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

from utgivare.importers import importing, wxr


class ProgressReader:
    """The export file, telling the progress bar how far the parser has read."""

    def __init__(self, handle, advance):
        self.handle = handle
        self.advance = advance

    def read(self, size=-1):
        data = self.handle.read(size)
        self.advance(len(data))
        return data


class Command(BaseCommand):
    help = "Importera en WordPress-export (WXR 1.1/1.2) till en blogg eller en sektion."

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="WordPress-exporten (XML)")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--blog", default="", help="bloggens slug: inläggen blir blogginlägg")
        where.add_argument("--section", default="", help="sektionens slug: inläggen blir artiklar")
        parser.add_argument(
            "--media-dir", type=Path, help="mappen med WordPress uploads (bilder och bilagor)"
        )

    def handle(self, *args, export: Path, blog, section, media_dir, **options):
        console = Console(file=self.stdout, highlight=False)
        if not export.is_file():
            raise CommandError(f"Filen finns inte: {export}")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"Mappen finns inte: {media_dir}")
        try:
            target = importing.find_target(blog=blog, section=section)
        except LookupError as error:
            kind = "blogg" if blog else "sektion"
            raise CommandError(f"Ingen {kind} med slug {error.args[0]!r}.") from error
        size = export.stat().st_size
        progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            disable=options.get("verbosity", 1) < 1,
        )
        try:
            with progress, export.open("rb") as handle:
                task = progress.add_task("Importerar", total=size)
                reader = ProgressReader(handle, lambda n: progress.advance(task, n))
                summary = importing.import_export(reader, target, media_dir=media_dir)
        except wxr.MalformedExport as error:
            raise CommandError(
                f"Filen är inte giltig XML: {error.reason} (rad {error.line}, kolumn "
                f"{error.column}). Inget importerades."
            ) from error
        except importing.NotAnExport as error:
            raise CommandError(
                "Filen är ingen WordPress-export (WXR 1.1 eller 1.2). Inget importerades."
            ) from error
        self.report(console, summary)

    def report(self, console, summary):
        console.print("[bold]Klart.[/bold]")
        for kind, numbers in sorted(importing.counts(summary).items()):
            console.print(
                f"  {kind}: {numbers.get('created', 0)} nya, {numbers.get('updated', 0)} "
                f"uppdaterade, {numbers.get('unchanged', 0)} oförändrade"
            )
        for title, rows in (("Hoppades över", summary.skipped), ("Misslyckades", summary.failed)):
            console.print(f"  {title}: {len(rows)}")
            by_reason = {}
            for what, reason in rows:
                by_reason.setdefault(reason, []).append(what)
            for reason, whats in sorted(by_reason.items(), key=lambda pair: -len(pair[1])):
                examples = ", ".join(whats[:3]) + (" …" if len(whats) > 3 else "")
                console.print(f"    {len(whats)} × {reason}: {examples}", markup=False)
