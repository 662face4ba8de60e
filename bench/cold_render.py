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
"""

import os
import statistics
import time

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.environment import setup_django

REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))
COMMENTS = 30
OTHER_ARTICLES = 40
MENU_SECTIONS = 8


def forget_everything():
    """Every app cache emptied, as after a restart of the cache and the processes."""
    from utgivare.core import page_cache

    cache.clear()
    page_cache._memo.clear()


def cpu_seconds(url, *, cold, repeat=REPEAT, warmup=5):
    """Median process CPU time of one GET by a new reader (no cookies), with the cache
    emptied before each GET when `cold`."""
    samples = []
    for n in range(warmup + repeat):
        if cold:
            forget_everything()
        client = Client()
        started = time.process_time()
        response = client.get(url)
        spent = time.process_time() - started
        assert response.status_code == 200, (url, response.status_code)
        if n >= warmup:
            samples.append(spent)
    return statistics.median(samples)


def cold_queries(url):
    """Queries of one cold GET (after one GET that made the renditions: not a cache)."""
    assert Client().get(url).status_code == 200
    forget_everything()
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def build_site():
    from tests.comments.factories import CommentFactory
    from tests.factories import (
        ArticlePageFactory,
        AuthorPageFactory,
        ImageFactory,
        IssuePageFactory,
        site_tree,
    )

    from bench.serving.dataset import reference_fields
    from bench.serving.run import ARTICLE_HTML
    from utgivare.comments.models import CommentSettings

    tree = site_tree(sections=MENU_SECTIONS)
    author = AuthorPageFactory(parent=tree["authors"])
    issue = IssuePageFactory(parent=tree["issues"], cover_image=ImageFactory())
    for n in range(OTHER_ARTICLES):
        ArticlePageFactory(parent=tree["sections"][n % MENU_SECTIONS], author=author, issue=issue)
    headline, _blocks, lead, body = reference_fields(ARTICLE_HTML)
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
    for _ in range(COMMENTS):
        CommentFactory(page=article)
    # Comments open, so the page shows the form too (as in `make bench-http`).
    CommentSettings.objects.all().update(close_after_days=0)
    return article


def run():
    setup_django()
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
