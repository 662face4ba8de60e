"""An anonymous reader's article page, against the health endpoint as baseline.

The health endpoint runs the same middleware and one trivial query, so the
ratio shows what the page itself costs: tree lookup, access decision,
templates, the fragment-cached body.
"""

from django.test import Client

from bench.environment import setup_django, timed_get


def run():
    setup_django()
    from tests.factories import (
        ArticlePageFactory,
        AuthorPageFactory,
        ImageFactory,
        IssuePageFactory,
        article_body,
        site_tree,
    )

    tree = site_tree(sections=4)
    author = AuthorPageFactory(parent=tree["authors"])
    issue = IssuePageFactory(parent=tree["issues"], cover_image=ImageFactory())
    paragraphs = [" ".join(["Norrvik"] * 80) for _ in range(12)]
    articles = [
        ArticlePageFactory(
            parent=tree["sections"][n % 4],
            author=author,
            issue=issue,
            hero_image=ImageFactory(),
            access_level="free",
            body=article_body(*paragraphs),
        )
        for n in range(40)
    ]
    metered = ArticlePageFactory(
        parent=tree["sections"][0],
        author=author,
        issue=issue,
        hero_image=ImageFactory(),
        access_level="metered",
        body=article_body(*paragraphs),
    )
    client = Client()
    # A reader on the meter: the first GET uses one free read, later ones are re-reads
    # (full body plus the per-reader banner, meter cookie re-signed).
    metered_reader = Client()
    return {
        "name": "Anonymous reader pages (SQLite, locmem cache, test client)",
        "baseline": ("GET /halsa/ (middleware + SELECT 1)", timed_get(client, "/halsa/")),
        "measurements": [
            ("GET free article, body cached", timed_get(client, articles[0].url)),
            ("GET metered article, re-read on the meter", timed_get(metered_reader, metered.url)),
            ("GET home page (latest issue + 4 sections)", timed_get(client, "/")),
            ("GET issue page (40 articles)", timed_get(client, issue.url)),
        ],
    }
