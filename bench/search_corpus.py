"""The search benchmark's worker: `python -m bench.search_corpus` on one database.

Builds (once, then reuses) 100,000 generated Swedish pieces in the search index
and measures queries against it; prints one JSON object. bench/search_index.py
runs it on SQLite and, with SEARCH_BENCH_DATABASE_URL, on PostgreSQL.

What is built, and why it is quick: 8 section pages and 100,000 bare page rows
(wagtailcore_page rows inserted in bulk with their tree paths: the index's
foreign key needs them, and the results need their URLs) and one index row each,
written with the same `indexing.write_entries` the site uses (on PostgreSQL the
database computes the tsvectors; on SQLite the stems go into FTS5). No page
models, revisions or StreamField: the index never reads them when searching.
The SQLite file is kept in var/bench-search/; the PostgreSQL database keeps its
rows. A marker row tells a later run that the corpus is there and complete.
"""

import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIECES = int(os.environ.get("SEARCH_BENCH_PIECES", "100000"))
REPEAT = int(os.environ.get("SEARCH_BENCH_REPEAT", "40"))
SEED = 13
MARKER_SLUG = f"search-bench-{PIECES}-{SEED}"


def setup():
    os.environ.setdefault("UTGIVARE_VAR_DIR", str(ROOT / "var" / "bench-search"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utgivare.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("UTGIVARE_INSECURE_DEV_KEY", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def zipf_weights(n):
    return [1 / (rank + 1) for rank in range(n)]


class Writer:
    """Random Swedish-looking text from bench/search_words.py, Zipf-distributed."""

    def __init__(self, rng):
        from bench import search_words as words

        self.rng = rng
        vocabulary = words.NOUNS + words.VERBS + words.ADJECTIVES + words.COMPOUNDS
        rng.shuffle(vocabulary)
        self.vocabulary = vocabulary
        self.weights = zipf_weights(len(vocabulary))
        self.filler = words.FILLER

    def sentence(self, length):
        chosen = self.rng.choices(self.vocabulary, self.weights, k=length)
        # Every third word a small word, as in running Swedish.
        for i in range(1, length, 3):
            chosen[i] = self.rng.choice(self.filler)
        return " ".join(chosen).capitalize() + "."

    def text(self, words_count, per_sentence=12):
        return " ".join(
            self.sentence(per_sentence) for _ in range(max(1, words_count // per_sentence))
        )


def build():
    """The corpus, unless a complete one is already there."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from bench import search_words as words
    from utgivare.search.indexing import write_entries
    from utgivare.search.models import SearchEntry

    if Page.objects.filter(slug=MARKER_SLUG).exists():
        return False
    started = time.perf_counter()
    rng = random.Random(SEED)
    writer = Writer(rng)
    root = Page.get_first_root_node()
    with transaction.atomic():
        stale = Page.objects.filter(slug__startswith="search-bench-")
        for page in stale:
            page.delete()
        home = root.add_child(instance=Page(title="Sökbänk", slug="search-bench-building"))
        sections = [
            home.add_child(instance=Page(title=title, slug=f"sektion-{n}"))
            for n, title in enumerate(words.SECTIONS)
        ]
        authors = [
            (1_000_000 + n, f"{first} {last}")
            for n, (first, last) in enumerate(
                (f, ln) for f in words.FIRST_NAMES for ln in words.LAST_NAMES
            )
        ]
        content_type = ContentType.objects.get_for_model(Page)
        locale = Locale.get_default()
        now = timezone.now()
        batch = 2000
        children = {section.pk: 0 for section in sections}
        for start in range(0, PIECES, batch):
            pages, entries = [], []
            for n in range(start, min(PIECES, start + batch)):
                section = sections[n % len(sections)]
                children[section.pk] += 1
                number = children[section.pk]
                title = writer.sentence(rng.randint(4, 8))[:-1]
                pages.append(
                    Page(
                        title=title,
                        slug=f"bit-{n}",
                        path=Page._get_path(section.path, section.depth + 1, number),
                        depth=section.depth + 1,
                        numchild=0,
                        url_path=f"{section.url_path}bit-{n}/",
                        content_type=content_type,
                        locale=locale,
                        translation_key=uuid.UUID(int=rng.getrandbits(128)),
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
                author_id, author_name = rng.choice(authors)
                published = now - timezone.timedelta(days=rng.randint(0, 365 * 12))
                teaser = writer.text(40)
                entries.append(
                    dict(
                        kind="article" if rng.random() < 0.7 else "blog_post",
                        path=pages[-1].path,
                        parent_id=section.pk,
                        kicker=section.title,
                        author_id=author_id,
                        author_name=author_name,
                        issue_id=2_000_000 + rng.randint(1, 300) if rng.random() < 0.6 else None,
                        title=title,
                        lead=writer.text(24),
                        teaser_text=teaser,
                        body_text=teaser + " " + writer.text(rng.randint(120, 260)),
                        access_level=rng.choices(
                            ["free", "metered", "subscribers", ""], [4, 3, 2, 1]
                        )[0],
                        published_at=published,
                    )
                )
            created = Page.objects.bulk_create(pages)
            write_entries(
                [
                    SearchEntry(page_id=page.pk, **entry)
                    for page, entry in zip(created, entries, strict=True)
                ]
            )
            print(f"  {start + len(pages):>7} / {PIECES}", file=sys.stderr, flush=True)
        for section in sections:
            Page.objects.filter(pk=section.pk).update(numchild=children[section.pk])
        Page.objects.filter(pk=home.pk).update(slug=MARKER_SLUG)
    # What autovacuum would do soon after such a load: planner statistics and the
    # visibility map, so the first measurement is not of a table never analysed.
    # On PostgreSQL the match and lexeme tables (search.0003, 0004) are the ones searched,
    # and VACUUM also moves their GIN indexes' pending lists into the indexes proper.
    from django.db import connection

    from utgivare.search.backends import LEXEME_TABLE, MATCH_TABLE

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("VACUUM")
        else:
            for table in (SearchEntry._meta.db_table, MATCH_TABLE, LEXEME_TABLE):
                cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1]


def measure(action):
    for _ in range(3):
        action()
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return p95(samples), statistics.median(samples), samples


def main():
    setup()
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import RequestFactory

    from utgivare.paywall.models import PaywallSettings
    from utgivare.search import rules
    from utgivare.search.models import SearchEntry
    from utgivare.search.query import Filters, Results
    from utgivare.search.views import hits_for

    built_seconds = build()
    request = RequestFactory().get("/sok/")
    paywall_settings = PaywallSettings()
    anonymous = rules.full_text_scope(
        is_staff=False, covered_kinds=[], site_defaults={"article": "metered"}
    )
    subscriber = rules.full_text_scope(
        is_staff=False,
        covered_kinds=["article", "blog_post", "podcast_episode", "webtv_episode"],
        site_defaults={"article": "metered"},
    )
    first_section = SearchEntry.objects.order_by("page_id").values_list("parent_id", flat=True)[0]

    def searcher(text, scope=anonymous, page=1, **filters):
        query = rules.parse_query(text, refused_message="", too_long_message="")

        def run():
            paginator = Paginator(Results(query, scope, Filters(**filters)), 10)
            shown = paginator.get_page(page)
            hits_for(list(shown), query.text, paywall_settings, request)
            return paginator.count

        return run

    def newest_ten():
        # The baseline: the same table, its newest ten rows and its size, by index.
        list(SearchEntry.objects.order_by("-published_at")[:10])
        SearchEntry.objects.count()

    scenarios = [
        ("common word 'kommunen'", searcher("kommunen")),
        ("rare word 'avloppet'", searcher("avloppet")),
        ("inflected 'hyrorna' (stem hyr)", searcher("hyrorna")),
        ("compound prefix 'hyresgäst'", searcher("hyresgäst")),
        ("two words 'budgeten nämnden'", searcher("budgeten nämnden")),
        ("author 'karin lund'", searcher("karin lund")),
        (
            "three words + type + year",
            searcher("skolan beslut kritik", kinds=("article",), year=2024),
        ),
        ("section filter 'avtalet'", searcher("avtalet", parent_id=first_section)),
        ("subscriber, full text 'protokollet'", searcher("protokollet", scope=subscriber)),
        ("page 5 of 'kommunen'", searcher("kommunen", page=5)),
        ("no match 'xyzzyplugh'", searcher("xyzzyplugh")),
    ]
    baseline = measure(newest_ten)
    measurements, every_search = [], []
    for label, action in scenarios:
        count = action()
        worst, median, samples = measure(action)
        every_search += samples
        measurements.append({"label": f"{label} [{count} hits]", "p95": worst, "median": median})
    # Overall: every search above as one population (each query as often as the others).
    measurements.append(
        {
            "label": "all searches above together",
            "p95": p95(every_search),
            "median": statistics.median(every_search),
        }
    )
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "pieces": SearchEntry.objects.count(),
                "built_seconds": built_seconds,
                "baseline": {"label": "newest 10 rows + count", "p95": baseline[0]},
                "measurements": measurements,
            }
        )
    )


if __name__ == "__main__":
    main()
