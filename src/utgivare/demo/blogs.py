"""The demo's blog: Karin Lund's "Utgivarens anteckningar", its posts and a lively discussion.

`load_blogs(home, authors_by_slug)` is called by `utgivare load_demo` after
the magazine. It does nothing if a blog index already exists, so a second run
keeps what editors and moderators have changed.

Content files (content/blogs/, see content/README.md): blog.md (the blog and
its standing introduction), posts/NN-slug.md (Markdown like the articles) and
comments.json (each post's discussion, in the order it was written).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Site

from utgivare.blogs.models import BlogIndexPage, BlogPage, BlogPostPage
from utgivare.comments import threads as comment_threads
from utgivare.comments.comment_text import safe_website
from utgivare.comments.models import Comment, CommentReport, CommentSettings
from utgivare.comments.moderating import Action, record
from utgivare.comments.moderation import Status
from utgivare.core import addresses

from .content import (
    CONTENT_DIR,
    ContentError,
    body_data,
    paragraphs_html,
    parse_time,
    read_markdown,
)

BLOG_DIR = CONTENT_DIR / "blogs"
# Held for review in the demo, so the moderation queue shows why a comment waits.
DEMO_BANNED_WORDS = "korrupt*\nidiot*\nlandsförrädare"
PREFERRED_WRITER = "karin-lund"


def _publish(parent, page, when=None):
    parent.add_child(instance=page)
    page.save_revision().publish()
    if when is not None:
        # The demo's posts were "published" on their own dates, not today.
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when
        )
        page.first_published_at = page.last_published_at = when
    return page


def writer_account(writer):
    """The writer's login, so her comments carry the badge; linked if it was not."""
    if writer.user_id:
        return writer.user
    User = get_user_model()
    email = (writer.public_email or f"{writer.slug}@example.org").lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        first, _, last = writer.title.partition(" ")
        user = User.objects.create_user(
            username=writer.slug, email=email, first_name=first, last_name=last
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    latest = writer.get_latest_revision_as_object()
    latest.user = user
    latest.save_revision().publish()
    writer.user = user
    writer.user_id = user.pk
    return user


def load_blogs(home, authors_by_slug, directory: Path = BLOG_DIR) -> dict | None:
    """Create /bloggar/ with the demo blog, posts and comments; None if it exists already."""
    if BlogIndexPage.objects.exists():
        return None
    source, introduction = read_markdown(directory / "blog.md", ("title", "slug", "writer"))
    writer = authors_by_slug.get(source["writer"]) or authors_by_slug.get(PREFERRED_WRITER)
    if writer is None and authors_by_slug:
        writer = next(iter(authors_by_slug.values()))
    with transaction.atomic():
        index = _publish(
            home,
            BlogIndexPage(
                title=source["index_title"],
                slug=source["index_slug"],
                intro=source["index_intro"],
                show_in_menus=True,
            ),
        )
        blog = _publish(
            index,
            BlogPage(
                title=source["title"],
                slug=source["slug"],
                writer=writer,
                tagline=source.get("tagline", ""),
                introduction=paragraphs_html(introduction),
            ),
        )
        pages = {}
        for path in sorted((directory / "posts").glob("*.md")):
            post, body = read_markdown(path, ("title", "slug", "access", "published", "lead"))
            published = parse_time(post["published"])
            pages[post["slug"]] = _publish(
                blog,
                BlogPostPage(
                    title=post["title"],
                    slug=post["slug"],
                    lead=post["lead"],
                    body=json.dumps(body_data(body)),
                    date=published,
                    access_level=post["access"],
                ),
                when=published,
            )
        site = (
            Site.objects.filter(root_page=home).first()
            or Site.objects.filter(is_default_site=True).first()
        )
        comment_settings = CommentSettings.for_site(site)
        if not comment_settings.banned_words:
            comment_settings.banned_words = DEMO_BANNED_WORDS
            comment_settings.save()
        writer_user = writer_account(writer) if writer is not None else None
        threads = json.loads((directory / "comments.json").read_text(encoding="utf-8"))
        created = _load_comments(threads, pages, writer, writer_user, comment_settings.max_depth)
        for page in pages.values():
            comment_threads.recount(page.pk)
    return {"index": index, "blog": blog, "posts": pages, "comments": created}


def _load_comments(threads, pages, writer, writer_user, max_depth) -> dict[int, Comment]:
    """Each thread's comments, in file order; a reply names the id of the comment it answers."""
    created: dict[int, Comment] = {}
    for thread in threads:
        page = pages.get(thread["post"])
        if page is None:
            raise ContentError(f"comments.json: inget inlägg med adressen {thread['post']!r}")
        for source in thread["comments"]:
            created[source["id"]] = _comment(source, page, created, writer, writer_user, max_depth)
    return created


def _comment(source, page, created, writer, writer_user, max_depth) -> Comment:
    answered = created.get(source.get("reply_to"))
    if source.get("reply_to") and (answered is None or answered.page_id != page.pk):
        raise ContentError(f"comments.json: {source['id']} svarar på en okänd kommentar")
    by_writer = source.get("writer", False) and writer is not None
    written = parse_time(source["written"])
    comment = comment_threads.add_comment(
        page.pk,
        answered,
        max_depth=max_depth,
        status=source["status"],
        held_reasons=source.get("held_reasons", []),
        author_name=writer.title if by_writer else source["name"],
        author_email=addresses.normalise(source["email"]),
        author_website=safe_website(source.get("website", "")),
        text=source["text"],
        user=writer_user if by_writer else None,
        created_at=written,
        moderated_at=written + dt.timedelta(minutes=20)
        if source["status"] == Status.APPROVED
        else None,
    )
    record(
        comment,
        Action.CREATED,
        comment.user,
        actor_label=comment.author_name,
        reason=", ".join(comment.held_reasons),
        changes={"status": [None, comment.status]},
        now=written,
    )
    if source.get("reported"):
        CommentReport.objects.create(
            comment=comment,
            reason=CommentReport.Reason.ABUSE,
            details=source["reported"],
            created_at=written + dt.timedelta(hours=2),
        )
        Comment.objects.filter(pk=comment.pk).update(open_reports=1)
    return comment
