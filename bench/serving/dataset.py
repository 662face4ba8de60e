"""The fixed dataset of `make bench-http`, on top of the demo (`utgivare load_demo`).

Adds the 822-word reference article that the peers (WordPress, Ghost, nginx)
serve in ../shared/bench-peers/article.html, as a free article in a demo
section, and the same text again with a 5,000-comment thread. Then writes
what every scenario requests and what its answer must contain to a JSON file
for bench/serving/run.py.

Run with DJANGO_SETTINGS_MODULE=utgivare.settings from the repository root:
    python -m bench.serving.dataset ARTICLE_HTML OUT_JSON
"""

import json
import re
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

REFERENCE_TITLE = "Skärgårdens tysta morgnar"
REFERENCE_SLUG = "skargardens-tysta-morgnar"
THREAD_SLUG = "skargardens-tysta-morgnar-5000-kommentarer"
THREAD_COMMENTS = 5000
# Demo accounts (src/utgivare/demo/accounts.py): a reader with a confirmed address and
# no subscription, and a subscriber (Helår).
READER_EMAIL = "lasare@example.org"
SUBSCRIBER_EMAIL = "prenumerant@example.org"
PAYWALL_BOX = 'class="paywall-box'


class _ArticleText(HTMLParser):
    """The headline (first <h1>, if any) and the body as (kind, text) in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headline = None
        self.blocks = []
        self._tag = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in {"h1", "h2", "h3", "p"}:
            self._tag, self._text = tag, []

    def handle_data(self, data):
        if self._tag:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag != self._tag:
            return
        text = " ".join("".join(self._text).split())
        if tag == "h1":
            self.headline = text
        elif text:
            self.blocks.append(("paragraph" if tag == "p" else "heading", text))
        self._tag = None


def read_article(path):
    parser = _ArticleText()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return parser.headline or REFERENCE_TITLE, parser.blocks


def plain_text(html):
    """Text as a reader sees it: tags out, entities decoded, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def marker(piece):
    """Four words from the last paragraph: in the page only when the full text is."""
    paragraphs = [block.value.source for block in piece.body if block.block_type == "paragraph"]
    words = re.findall(r"\w+", plain_text(paragraphs[-1]))
    middle = max(0, len(words) // 2 - 2)
    return " ".join(words[middle : middle + 4])


def reference_fields(path):
    """Headline, blocks, lead and StreamField body of the reference article at `path`:
    the first paragraph is the lead, the rest the body (the same 822 words as the peers)."""
    from django.utils.html import escape

    headline, blocks = read_article(path)
    lead = blocks[0][1]
    body = json.dumps(
        [
            {"type": kind, "value": f"<p>{escape(text)}</p>" if kind == "paragraph" else text}
            for kind, text in blocks[1:]
        ]
    )
    return headline, blocks, lead, body


def _reference_pages(section, author):
    from tests.factories import ArticlePageFactory

    from bench.comments_thread import build_thread
    from utgivare.comments.models import Comment, CommentSettings
    from utgivare.publication.models import ArticlePage

    headline, blocks, lead, body = reference_fields(sys.argv[1])
    pages = {}
    for slug, title in [(REFERENCE_SLUG, headline), (THREAD_SLUG, f"{headline} (kommentarer)")]:
        page = ArticlePage.objects.filter(slug=slug).first()
        if page is None:
            page = ArticlePageFactory(
                parent=section,
                author=author,
                title=title,
                slug=slug,
                lead=lead,
                body=body,
                access_level="free",
                hero_caption="",
                hero_photographer="",
            )
        pages[slug] = page
    thread = pages[THREAD_SLUG]
    if not Comment.objects.filter(page_id=thread.pk).exists():
        build_thread(thread, THREAD_COMMENTS)
    # As the comment bench does: comments stay open, so every article shows its form.
    CommentSettings.objects.all().update(close_after_days=0)
    return pages[REFERENCE_SLUG], thread, blocks


def build(out_path):
    import django

    django.setup()
    from utgivare.blogs.models import BlogPostPage
    from utgivare.publication.models import (
        ArticlePage,
        AuthorPage,
        HomePage,
        IssuePage,
        SectionPage,
    )

    home = HomePage.objects.live().first()
    if home is None:
        sys.exit("No home page: run `UTGIVARE_DEMO=1 utgivare load_demo` first.")
    section = SectionPage.objects.live().order_by("path").first()
    author = AuthorPage.objects.live().order_by("path").first()
    reference, thread, blocks = _reference_pages(section, author)

    issue = IssuePage.objects.live().order_by("-number").first()
    demo_articles = ArticlePage.objects.live().exclude(pk__in=[reference.pk, thread.pk])
    metered = demo_articles.filter(access_level="metered").order_by("path").first()
    subscribers_only = demo_articles.filter(access_level="subscribers").order_by("path").first()
    post = BlogPostPage.objects.live().filter(access_level="free").order_by("path").first()
    second_heading = [text for kind, text in blocks if kind == "heading"][1]

    def full_text(piece):
        return {"expect": [marker(piece)], "absent": [PAYWALL_BOX]}

    scenarios = [
        {
            "name": "reference article (822 words)",
            "path": reference.url,
            "expect": [second_heading],
            "absent": [PAYWALL_BOX],
        },
        # The home page leads with the latest issue; the section lists its newest article.
        {"name": "home", "path": home.url, "expect": [issue.title]},
        {"name": f"issue page #{issue.number}", "path": issue.url, "expect": [issue.title]},
        {
            "name": f"section page {section.title}",
            "path": section.url,
            "expect": [section.title, reference.title],
        },
        {"name": "blog post (free)", "path": post.url, **full_text(post)},
        # wrk sends no cookie: every request is a reader's first read of the month.
        {"name": "metered article, first read", "path": metered.url, **full_text(metered)},
        {
            "name": "metered article, re-read",
            "path": metered.url,
            "login": "meter",
            **full_text(metered),
        },
        {
            "name": "metered article, logged-in reader",
            "path": metered.url,
            "login": READER_EMAIL,
            **full_text(metered),
        },
        {
            "name": "subscribers-only article, subscriber",
            "path": subscribers_only.url,
            "login": SUBSCRIBER_EMAIL,
            **full_text(subscribers_only),
        },
        {
            "name": f"article with {THREAD_COMMENTS} comments",
            "path": thread.url,
            "expect": [f"{THREAD_COMMENTS} kommentarer", second_heading],
            "absent": [PAYWALL_BOX],
        },
        {
            "name": "/halsa/ (middleware + SELECT 1)",
            "path": "/halsa/",
            "expect": ['"database": "ok"'],
        },
    ]
    # Checked once before the load, never measured: the gate still holds on this stack.
    checks = [
        {
            "name": "subscribers-only article, anonymous: teaser and box",
            "path": subscribers_only.url,
            "expect": [PAYWALL_BOX],
            "absent": [marker(subscribers_only)],
        }
    ]
    for item in scenarios + checks:
        item.setdefault("absent", [])
    # Pages the same for every anonymous reader: also measured through the shipped
    # nginx config (deploy/nginx/utgivare.conf) in front of the same gunicorn.
    shareable = {"reference article", "home", "issue page", "section page", "blog post", "comments"}
    for item in scenarios:
        item["proxy"] = any(word in item["name"] for word in shareable) and "login" not in item
    Path(out_path).write_text(
        json.dumps(
            {"reference_path": reference.url, "scenarios": scenarios, "checks": checks},
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    build(sys.argv[2])
