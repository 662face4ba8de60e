"""`utgivare rebuild_search_index`: index every live, public piece again, with a progress bar.

Run it after installing or upgrading to this version, after restoring a database, or
whenever the index is suspected stale; it is safe to run at any time (one transaction).
"""

from django.core.management.base import BaseCommand
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from wagtail.models import Page

from utgivare.search import indexing


class Command(BaseCommand):
    help = "Bygger om sökindexet för alla publicerade artiklar, blogginlägg och avsnitt."

    def handle(self, *args, **options):
        total = indexing.indexable(Page.objects.all()).count()
        columns = [
            TextColumn("Sökindex"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        ]
        with Progress(*columns, disable=options["verbosity"] == 0) as progress:
            task = progress.add_task("index", total=total)
            indexed = indexing.rebuild(progress=lambda n: progress.advance(task, n))
        self.stdout.write(f"{indexed} sidor indexerade.")
