"""Search over 100,000 generated Swedish pieces: p95 per query, against a baseline.

Runs bench/search_corpus.py in a process of its own per database (it needs its
own database, kept between runs): SQLite always (var/bench-search/utgivare.sqlite3),
and PostgreSQL when SEARCH_BENCH_DATABASE_URL names a database of its own (the
corpus is added to it once and reused; nothing else there is touched).

Each query is what /sok/ does for it: the count, the first page of ten (or page 5),
and the hits with their snippets; measured 40 times after 3 warm-ups. The baseline,
in the same process: the newest ten rows of the same table and its row count, by
index. Target (issue #13): p95 under 50 ms on PostgreSQL.

The first run builds the corpus (minutes; SEARCH_BENCH_PIECES sets the size).
"""

import os
from pathlib import Path

from bench.environment import json_from_worker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _run_worker(database_url):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.pop("UTGIVARE_VAR_DIR", None)  # the worker keeps its SQLite file under var/
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return json_from_worker(["-m", "bench.search_corpus"], env, ROOT)


def _result(report):
    name = f"search over {report['pieces']:,} pieces, {report['vendor']} (p95 per query)"
    if report["built_seconds"]:
        name += f"; corpus built in {report['built_seconds']:.0f} s"
    return {
        "name": name,
        "baseline": (f"{report['baseline']['label']}, p95", report["baseline"]["p95"]),
        "measurements": [(m["label"], m["p95"]) for m in report["measurements"]],
    }


def run():
    results = [_result(_run_worker(None))]
    postgres = os.environ.get("SEARCH_BENCH_DATABASE_URL")
    if postgres:
        results.append(_result(_run_worker(postgres)))
    else:
        print("SEARCH_BENCH_DATABASE_URL not set: the PostgreSQL search benchmark is skipped")
    return results
