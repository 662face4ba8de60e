"""The reference article drawn cold: nothing cached, every query and template tag run.

What a page costs when no cache helps (after a publish, a deploy, a Redis restart,
or the first reader of a page): the 822-word reference article of `make bench-http`
(../shared/bench-peers/article.html), with a byline, an issue, a picture, comments
and a menu of sections, as an anonymous reader GETs it through the whole
middleware stack. Before each GET every app cache is emptied: the cache (menu,
settings, site, routes, piece bodies, comment threads, renditions), and the page
cache's memo of tag versions. Templates stay compiled (the cached loader, DEBUG
off), as in a running process.

Time is process CPU time (`time.process_time`), the median of many GETs, so other
work on the machine counts less than with wall time; the baseline is `/halsa/`
(the same middleware and `SELECT 1`) measured the same way in the same run. The
query count of one cold GET is printed with each label.

    make bench BENCH=cold_render      (or: python -m bench cold_render)

Against an earlier commit: `BENCH_AGAINST=<commit> make bench BENCH=cold_render`
also draws the same article cold with that commit's code (a git worktree in a
temporary folder, its own migrations, factories and settings; the packages of
this checkout's environment), and with this checkout's, alternately in fresh
processes, BENCH_ROUNDS times (5), and prints the commit's medians as multiples of
this checkout's. A figure from another day or machine compares through that
multiple: #11 asked for the cold render of ba4896f (37 ms on its machine) to be
under 10 ms, 3.7 times less.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.environment import setup_django

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))
# The site's size; another with BENCH_COMMENTS, BENCH_OTHER_ARTICLES, BENCH_MENU_SECTIONS
# (which a BENCH_AGAINST comparison builds for both commits alike).
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "30"))
OTHER_ARTICLES = int(os.environ.get("BENCH_OTHER_ARTICLES", "40"))
MENU_SECTIONS = int(os.environ.get("BENCH_MENU_SECTIONS", "8"))
# Up to this many comments, each a new conversation (the bench's own site); more make a
# thread with replies, as bench/comments_thread.py builds it.
FEW_COMMENTS = 30


def forget_everything():
    """Every app cache emptied, as after a restart of the cache and the processes."""
    cache.clear()
    try:
        from utgivare.core import page_cache
    except ImportError:  # a commit from before the page cache (BENCH_AGAINST)
        return
    page_cache._memo.clear()


def cpu_seconds(url, *, cold, repeat=REPEAT, warmup=5):
    """Median process CPU time of one GET by a new reader (no cookies), with the cache
    emptied before each GET when `cold`."""
    samples = []
    # One client, as a server keeps its handler: a new one loads the middleware anew
    # (a thirtieth of a cold GET that no running process pays). Its cookies are
    # cleared before each GET, so every GET is a new reader's.
    client = Client()
    for n in range(warmup + repeat):
        if cold:
            forget_everything()
        client.cookies.clear()
        started = time.process_time()
        response = client.get(url)
        spent = time.process_time() - started
        assert response.status_code == 200, (url, response.status_code)
        if n >= warmup:
            samples.append(spent)
    return statistics.median(samples)


def cold_cpu_seconds_in_turn(url, variants, *, repeat=REPEAT, warmup=5):
    """{label: median process CPU time of a cold GET of `url` by a new reader} for each
    of `variants` (label -> a function returning the context the GET runs in, entered
    after the cache is emptied), the variants taking turns GET by GET in this process:
    each median is over the same minutes, which fresh processes are not
    (bench/cold_parts.py, bench/jinja2_article.py)."""
    client = Client()
    labels = list(variants)
    samples = {label: [] for label in labels}
    for n in range(len(labels) * (warmup + repeat)):
        label = labels[n % len(labels)]
        forget_everything()
        client.cookies.clear()
        with variants[label]():
            started = time.process_time()
            response = client.get(url)
            spent = time.process_time() - started
        assert response.status_code == 200, (url, label, response.status_code)
        if n >= len(labels) * warmup:  # the first rounds warm the process
            samples[label].append(spent)
    return {label: statistics.median(found) for label, found in samples.items()}


def cold_queries(url):
    """Queries of one cold GET (after one GET that made the renditions: not a cache)."""
    assert Client().get(url).status_code == 200
    forget_everything()
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def build_site(
    fields=None, *, other_articles=OTHER_ARTICLES, menu_sections=MENU_SECTIONS, comments=COMMENTS
):
    """The site of the measurement; `fields` (headline, lead, body) are the reference
    article's, read here unless given (a worker for another commit is handed them).
    bench/cold_flat.py builds larger ones."""
    from tests.comments.factories import CommentFactory
    from tests.factories import (
        ArticlePageFactory,
        AuthorPageFactory,
        ImageFactory,
        IssuePageFactory,
        site_tree,
    )

    from utgivare.comments.models import CommentSettings

    tree = site_tree(sections=menu_sections)
    author = AuthorPageFactory(parent=tree["authors"])
    issue = IssuePageFactory(parent=tree["issues"], cover_image=ImageFactory())
    for n in range(other_articles):
        ArticlePageFactory(parent=tree["sections"][n % menu_sections], author=author, issue=issue)
    headline, lead, body = fields or reference_article()
    article = ArticlePageFactory(
        parent=tree["sections"][0],
        author=author,
        issue=issue,
        title=headline,
        slug="skargardens-tysta-morgnar",
        lead=lead,
        body=body,
        hero_image=ImageFactory(),
        access_level="free",
    )
    if comments <= FEW_COMMENTS:
        for _ in range(comments):
            CommentFactory(page=article)
    else:
        from bench.comments_thread import build_thread

        build_thread(article, comments)  # replies too, as a long thread has them
    # Comments open, so the page shows the form too (as in `make bench-http`).
    CommentSettings.objects.all().update(close_after_days=0)
    return article


def reference_article():
    from bench.serving.dataset import reference_fields
    from bench.serving.run import ARTICLE_HTML

    headline, _blocks, lead, body = reference_fields(ARTICLE_HTML)
    return headline, lead, body


def run():
    setup_django()
    results = [measure_here()]
    against = os.environ.get("BENCH_AGAINST")
    if against:
        results.append(compare_with(against))
    return results


def measure_here():
    article = build_site()
    measurements = []
    # The page cache on, as in production: a cold GET also reads the tag versions and
    # stores the page. Off: only the drawing.
    for page_cache_seconds in (3600, 0):
        with override_settings(PAGE_CACHE_SECONDS=page_cache_seconds):
            queries = cold_queries(article.url)
            cache_state = "page cache on" if page_cache_seconds else "page cache off"
            measurements.append(
                (
                    f"GET reference article COLD, {cache_state} ({queries} queries)",
                    cpu_seconds(article.url, cold=True),
                )
            )
    measurements.append(
        ("GET reference article warm, page cache off", cpu_seconds(article.url, cold=False))
    )
    return {
        "name": f"Cold render, 822-word article (SQLite, locmem, CPU time, median of {REPEAT})",
        "baseline": ("GET /halsa/ (middleware + SELECT 1)", cpu_seconds("/halsa/", cold=False)),
        "measurements": measurements,
    }


def compare_with(commit):
    """This checkout's cold GET and `commit`'s, each in fresh processes, alternately."""
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    sha = subprocess.run(
        ["git", "rev-parse", "--short", f"{commit}^{{commit}}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="utgivare-bench-against-") as temporary:
        tree = Path(temporary) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(tree), sha], cwd=ROOT, check=True
        )
        fields = Path(temporary) / "article.json"
        fields.write_text(json.dumps(reference_article()))
        try:
            here, there = [], []
            # A round's two processes run one after the other with the same hash seed:
            # from one fresh process to the next, the same code here moved by up to 1.6x.
            for round_number in range(rounds):
                here.append(_measure_in_worker(ROOT, fields, seed=round_number))
                there.append(_measure_in_worker(tree, fields, seed=round_number))
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True
            )

    def median(samples, name):
        return statistics.median(sample[name] for sample in samples)

    ratios = sorted(b["cold"] / a["cold"] for a, b in zip(here, there, strict=True))
    return {
        "name": (
            f"Cold render against {sha}: medians of {rounds} fresh processes each, alternately;"
            f" {sha} as a multiple of this checkout (round by round:"
            f" {ratios[0]:.2f}-{ratios[-1]:.2f}x)"
        ),
        "baseline": (
            f"this checkout: GET reference article COLD ({here[0]['queries']} queries)",
            median(here, "cold"),
        ),
        "measurements": [
            (
                f"{sha}: GET reference article COLD ({there[0]['queries']} queries)",
                median(there, "cold"),
            ),
            ("this checkout: GET /halsa/", median(here, "halsa")),
            (f"{sha}: GET /halsa/", median(there, "halsa")),
        ],
    }


def _measure_in_worker(tree, fields, seed):
    """One fresh process with `tree`'s code (its `utgivare`, tests and settings first on
    the path) and this file's measuring."""
    from bench.environment import json_from_worker  # not in an earlier commit's bench/

    env = worker_env(seed)
    env["PYTHONPATH"] = os.pathsep.join([str(tree / "src"), str(tree)])
    return json_from_worker([__file__, str(fields)], env, tree)


def worker_env(seed):
    """The environment of a fresh measuring process: its own settings, database and var
    folder (none of this one's), and the hash seed `seed` (bench/cold_flat.py too)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "UTGIVARE_VAR_DIR"}
    }
    env["UTGIVARE_INSECURE_DEV_KEY"] = "1"
    env["PYTHONHASHSEED"] = str(seed)
    return env


def _worker(fields_path):
    setup_django()
    fields = json.loads(Path(fields_path).read_text())
    article = build_site(fields)
    with override_settings(PAGE_CACHE_SECONDS=3600):
        queries = cold_queries(article.url)
        cold = cpu_seconds(article.url, cold=True)
    halsa = cpu_seconds("/halsa/", cold=False)
    print(json.dumps({"cold": cold, "halsa": halsa, "queries": queries}))


if __name__ == "__main__":
    # Run by path (bench/cold_render.py FIELDS) with another tree's code first on the path.
    sys.path.append(str(ROOT))
    _worker(sys.argv[1])
