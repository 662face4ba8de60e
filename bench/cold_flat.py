"""The cold render of the reference article in larger sites: flat in the number of
articles, comments and menu entries (#11)?

The article of bench/cold_render.py drawn cold (every app cache emptied before each
GET, CPU time, median), in sites that differ from that bench's (40 other articles, 8
sections in the menu, 30 comments) in one thing each: 1,000 other articles, 40
sections in the menu, 300 or 3,000 comments (threads with replies, as
bench/comments_thread.py builds them: page 1 shows whole conversations, so it shows
more comments than 30; the label says how many). Each site in a fresh process with its
own database and the same hash seed, what building it left frozen out of the garbage
collector's way; the baseline is the bench's own site, measured the same way.

    make bench BENCH=cold_flat        (BENCH_ROUNDS=3 processes per site, BENCH_REPEAT=100)
"""

import gc
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = [
    ("the bench's site: 40 articles, 8 menu entries, 30 comments", {}),
    ("1,000 other articles", {"other_articles": 1000}),
    ("40 menu entries", {"menu_sections": 40}),
    ("300 comments", {"comments": 300}),
    ("3,000 comments", {"comments": 3000}),
]
REPEAT = int(os.environ.get("BENCH_REPEAT", "100"))


def run():
    from bench.cold_render import worker_env
    from bench.environment import json_from_worker

    # One hash seed for every site's process: from one seed to another the same code
    # moved by up to 1.6x (bench/cold_render.py).
    env = worker_env(seed=0)
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    found = {label: [] for label, _sizes in SITES}
    # Round by round through every site: a fresh process's speed moves by several per
    # cent from one to the next, so each figure is the median of `rounds` processes.
    for _round in range(rounds):
        for label, sizes in SITES:
            found[label].append(json_from_worker([__file__, json.dumps(sizes)], env, ROOT))

    def summary(label):
        colds = sorted(sample["cold"] for sample in found[label])
        first = found[label][0]
        spread = f"{colds[0] * 1000:.2f}-{colds[-1] * 1000:.2f} ms"
        return (
            f"{label} ({first['queries']} queries, {first['comments_drawn']} comments drawn;"
            f" {spread})",
            statistics.median(colds),
        )

    (base_label, _), *others = SITES
    return {
        "name": (
            "Cold render of the reference article in larger sites"
            f" (SQLite, CPU time, median of {REPEAT} GETs, median of {rounds} processes)"
        ),
        "baseline": summary(base_label),
        "measurements": [summary(label) for label, _sizes in others],
    }


def _worker(sizes):
    from django.test import Client
    from django.test.utils import override_settings

    from bench.cold_render import build_site, cold_queries, cpu_seconds
    from bench.environment import setup_django

    setup_django()
    article = build_site(**sizes)
    # What building the site left in this process (a thousand pages' objects) is no
    # server's: out of the collector's way, so the garbage collection a GET triggers
    # costs the same whatever was built.
    gc.collect()
    gc.freeze()
    with override_settings(PAGE_CACHE_SECONDS=3600):
        queries = cold_queries(article.url)
        cold = cpu_seconds(article.url, cold=True, repeat=REPEAT)
        drawn = Client().get(article.url).content.decode().count('<li class="comment"')
    print(json.dumps({"cold": cold, "queries": queries, "comments_drawn": drawn}))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    _worker(json.loads(sys.argv[1]))
