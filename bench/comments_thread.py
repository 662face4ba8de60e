"""A 5,000-comment thread under an article, against the same article with no comments.

Measured with the test client (middleware, Wagtail routing, paywall gate,
templates), anonymous reader, SQLite, local-memory cache:

- baseline: the article page with an empty thread;
- the 5,000-comment page as readers get it (thread HTML cached per version);
- the same page cold: the cache cleared before every request, so the thread
  is queried and built each time (what the first reader after a new comment
  pays);
- building page 1 of the thread alone (one query, which finds the page in the
  database, plus the Python renderer of that page's comments).

The issue's bar: the page builds in well under 200 ms on this machine.
"""

import random

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from bench.environment import median_seconds, setup_django, timed_get

COMMENTS = 5000
WORDS = [
    "kommunen",
    "hamnudden",
    "avtalet",
    "fullmäktige",
    "revisorerna",
    "protokollet",
    "beslutet",
    "värderingen",
    "Ståhl",
    "Strandgården",
    "jäv",
    "handlingarna",
    "skolskjutsen",
    "Kvarnbacken",
    "hyrorna",
    "meddelarfrihet",
    "riktlinjen",
    "kommundirektören",
    "öppenhet",
    "frågan",
    "svaret",
]


def _text(rng):
    sentences = []
    for _ in range(rng.randint(1, 4)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
        sentences.append(" ".join(words).capitalize() + ".")
    if rng.random() < 0.05:
        sentences.append("Se https://norrvik.example/protokoll/2026-10-28 för detaljer.")
    return " ".join(sentences)


def build_thread(page, count, seed=179):
    """`count` approved comments: about a third start threads, the rest reply (depth <= 3)."""
    from django.db import transaction

    from utgivare.comments import threads

    rng = random.Random(seed)
    now = timezone.now()
    texts = [_text(rng) for _ in range(count)]
    placed = []
    # One transaction: SQLite then writes the thread to disk once, not per comment.
    with transaction.atomic():
        for n, text in enumerate(texts):
            answered = (
                placed[rng.randrange(len(placed))] if placed and rng.random() > 0.33 else None
            )
            placed.append(
                threads.add_comment(
                    page.pk,
                    answered,
                    max_depth=3,
                    status="approved",
                    author_name=f"Läsare {n % 400}",
                    author_email=f"lasare{n % 400}@example.org",
                    author_website="https://example.org/" if n % 11 == 0 else "",
                    text=text,
                    created_at=now - timezone.timedelta(minutes=count - n),
                )
            )
    threads.recount(page.pk)


def run():
    setup_django()
    from tests.factories import ArticlePageFactory, AuthorPageFactory, SectionPageFactory, site_tree

    from utgivare.comments import thread_html
    from utgivare.comments.models import CommentSettings
    from utgivare.comments.staff import Staff
    from utgivare.publication.models import AuthorIndexPage, HomePage

    home = HomePage.objects.first()
    if home is None:
        tree = site_tree()
        home, authors = tree["home"], tree["authors"]
    else:
        authors = AuthorIndexPage.objects.first()
    section = SectionPageFactory(parent=home, title="Bänk: kommentarer", slug="bank-kommentarer")
    author = AuthorPageFactory(parent=authors, title="Bänkskribent")
    quiet = ArticlePageFactory(parent=section, author=author, access_level="free")
    busy = ArticlePageFactory(parent=section, author=author, access_level="free")
    build_thread(busy, COMMENTS)
    # The site's defaults; comments stay open.
    CommentSettings.objects.all().update(close_after_days=0)

    client = Client()
    assert f"{COMMENTS} kommentarer" in client.get(busy.url).content.decode()

    def cold_get():
        cache.clear()
        response = client.get(busy.url)
        assert response.status_code == 200

    staff = Staff()

    def build_only():
        _number, _count, entries = thread_html.load_page(busy.pk, 1)
        thread_html.build_thread_html(entries, staff=staff, is_open=True)

    return {
        "name": f"Article with a {COMMENTS:,}-comment thread (SQLite, locmem, test client)".replace(
            ",", " "
        ),
        "baseline": ("GET article, no comments", timed_get(client, quiet.url)),
        "measurements": [
            (f"GET article, {COMMENTS} comments, thread cached", timed_get(client, busy.url)),
            (
                f"GET article, {COMMENTS} comments, cache cleared each time",
                median_seconds(cold_get, repeat=15),
            ),
            (
                f"build page 1 of the thread only ({COMMENTS}: 1 query + render)",
                median_seconds(build_only),
            ),
        ],
    }


if __name__ == "__main__":
    from bench.__main__ import main

    main({"comments_thread"})
