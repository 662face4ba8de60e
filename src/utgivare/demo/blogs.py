"""The demo's blog: Karin Lund's "Utgivarens anteckningar", its posts and a lively discussion.

`load_blogs(home, authors_by_slug)` is called by `utgivare load_demo` after
the magazine. It does nothing if a blog index already exists, so a second run
keeps what editors and moderators have changed.

Content files (content/blogs/, all text our own):
- blog.txt: `key: value` header (title, slug, writer, tagline), `---`, then
  the standing introduction (paragraphs).
- posts/NN-slug.txt: header (title, slug, access, published, ingress), `---`,
  then the body in the magazine's article syntax (content/FORMAT.md).
- comments.txt: `= <post slug>` starts a post's thread; each comment starts
  with `## <nr>[ svarar <nr>] | namn | e-post | tid [| status] [| webbplats]`
  followed by its text. The name `@<author slug>` is the blog's writer,
  logged in (the thread marks her comment with a badge).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Site

from utgivare.blogs.models import BlogIndexPage, BlogPage, BlogPostPage
from utgivare.comments import markup, services
from utgivare.comments.models import Comment, CommentReport, CommentSettings, ModerationEvent
from utgivare.comments.moderation import Status
from utgivare.comments.threading import Node, child_path, place_reply

from .content import (
    ACCESS_LEVELS,
    CONTENT_DIR,
    ContentError,
    inline_html,
    normalise,
    parse_body,
    parse_time,
    stream_data,
)

BLOG_DIR = CONTENT_DIR / "blogs"
INDEX_INTRO = (
    "Redaktionens skribenter skriver om det som inte ryms i tidningen: hur vi arbetar, "
    "vad vi har begärt ut och vad vi tycker."
)
# Held for review in the demo, so the moderation queue shows why a comment waits.
DEMO_BANNED_WORDS = "korrupt*\nidiot*\nlandsförrädare"
PREFERRED_WRITER = "karin-lund"
STATUSES = {
    "publicerad": (Status.APPROVED, ()),
    "anmäld": (Status.APPROVED, ()),
    "väntar": (Status.PENDING, ("first_comment",)),
    "väntar:länkar": (Status.PENDING, ("too_many_links",)),
    "väntar:ord": (Status.PENDING, ("banned_word",)),
}


@dataclass(frozen=True)
class BlogSource:
    title: str
    slug: str
    writer: str
    tagline: str
    introduction: tuple[str, ...]


@dataclass(frozen=True)
class PostSource:
    filename: str
    title: str
    slug: str
    access: str
    published: dt.datetime
    ingress: str
    body: tuple = field(repr=False)


@dataclass(frozen=True)
class CommentSource:
    number: int
    answers: int | None
    post: str
    name: str
    email: str
    written: dt.datetime
    status: str
    website: str
    text: str


def _split(text: str, filename: str) -> tuple[dict[str, str], str]:
    lines = normalise(text).split("\n")
    try:
        separator = next(i for i, line in enumerate(lines) if line.strip() == "---")
    except StopIteration:
        raise ContentError(f"{filename}: raden --- mellan huvud och text saknas") from None
    header = {}
    for number, line in enumerate(lines[:separator], start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise ContentError(f"{filename}:{number}: rad utan kolon i huvudet: {line!r}")
        header[key.strip()] = value.strip()
    return header, "\n".join(lines[separator + 1 :])


def _require(header: dict, keys: tuple[str, ...], filename: str):
    missing = [key for key in keys if not header.get(key)]
    if missing:
        raise ContentError(f"{filename}: saknar {', '.join(missing)}")


def parse_blog(text: str, filename: str = "blog.txt") -> BlogSource:
    header, body = _split(text, filename)
    _require(header, ("title", "slug", "writer"), filename)
    paragraphs = tuple(p.strip().replace("\n", " ") for p in body.split("\n\n") if p.strip())
    return BlogSource(
        title=header["title"],
        slug=header["slug"],
        writer=header["writer"],
        tagline=header.get("tagline", ""),
        introduction=paragraphs,
    )


def parse_post(text: str, filename: str = "inlagg.txt") -> PostSource:
    header, body = _split(text, filename)
    _require(header, ("title", "slug", "access", "published", "ingress"), filename)
    if header["access"] not in ACCESS_LEVELS:
        raise ContentError(f"{filename}: access ska vara en av {', '.join(ACCESS_LEVELS)}")
    try:
        published = parse_time(header["published"])
    except ValueError as error:
        raise ContentError(f"{filename}: {error}") from error
    return PostSource(
        filename=filename,
        title=header["title"],
        slug=header["slug"],
        access=header["access"],
        published=published,
        ingress=header["ingress"],
        body=parse_body(body),
    )


COMMENT_HEAD = re.compile(r"^## (\d+)(?: svarar (\d+))? \| (.+)$")


def parse_comments(text: str, filename: str = "comments.txt") -> tuple[CommentSource, ...]:
    comments: list[CommentSource] = []
    post = ""
    head = None
    lines: list[str] = []

    def flush():
        if head is None:
            return
        number, answers, cells, line_number = head
        text = "\n".join(lines).strip()
        if len(cells) < 3 or not text:
            raise ContentError(f"{filename}:{line_number}: namn, e-post, tid och text behövs")
        status = cells[3] if len(cells) > 3 and cells[3] else "publicerad"
        if status not in STATUSES:
            raise ContentError(f"{filename}:{line_number}: okänd status {status!r}")
        try:
            written = parse_time(cells[2])
        except ValueError as error:
            raise ContentError(f"{filename}:{line_number}: {error}") from error
        comments.append(
            CommentSource(
                number=number,
                answers=answers,
                post=post,
                name=cells[0],
                email=cells[1],
                written=written,
                status=status,
                website=cells[4] if len(cells) > 4 else "",
                text=text,
            )
        )

    for line_number, line in enumerate(normalise(text).split("\n"), start=1):
        if line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("= "):
            flush()
            head, lines, post = None, [], line[2:].strip()
            continue
        if match := COMMENT_HEAD.match(line):
            flush()
            if not post:
                raise ContentError(f"{filename}:{line_number}: kommentar före första = inlägg")
            cells = [cell.strip() for cell in match.group(3).split("|")]
            answers = int(match.group(2)) if match.group(2) else None
            head, lines = (int(match.group(1)), answers, cells, line_number), []
            continue
        if head is not None:
            lines.append(line.rstrip())
    flush()
    numbers = [c.number for c in comments]
    if len(numbers) != len(set(numbers)):
        raise ContentError(f"{filename}: samma kommentarsnummer förekommer två gånger")
    return tuple(comments)


def read_sources(directory: Path = BLOG_DIR):
    blog = parse_blog((directory / "blog.txt").read_text("utf-8"))
    posts = tuple(
        parse_post(path.read_text("utf-8"), path.name)
        for path in sorted((directory / "posts").glob("*.txt"))
    )
    comments = parse_comments((directory / "comments.txt").read_text("utf-8"))
    return blog, posts, comments


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
    source, posts, comments = read_sources(directory)
    writer = authors_by_slug.get(source.writer) or authors_by_slug.get(PREFERRED_WRITER)
    if writer is None and authors_by_slug:
        writer = next(iter(authors_by_slug.values()))
    with transaction.atomic():
        index = _publish(
            home,
            BlogIndexPage(title="Bloggar", slug="bloggar", intro=INDEX_INTRO, show_in_menus=True),
        )
        blog = _publish(
            index,
            BlogPage(
                title=source.title,
                slug=source.slug,
                writer=writer,
                tagline=source.tagline,
                introduction="".join(f"<p>{inline_html(p)}</p>" for p in source.introduction),
            ),
        )
        pages = {}
        for post in posts:
            pages[post.slug] = _publish(
                blog,
                BlogPostPage(
                    title=post.title,
                    slug=post.slug,
                    ingress=post.ingress,
                    body=json.dumps(stream_data(post.body)),
                    date=post.published,
                    access_level=post.access,
                ),
                when=post.published,
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
        created = _load_comments(comments, pages, writer, writer_user, comment_settings.max_depth)
        for page in pages.values():
            services.recount(page.pk)
    return {"index": index, "blog": blog, "posts": pages, "comments": created}


def _load_comments(sources, pages, writer, writer_user, max_depth) -> dict[int, Comment]:
    created: dict[int, Comment] = {}
    for source in sources:
        page = pages.get(source.post)
        if page is None:
            raise ContentError(f"comments.txt: inget inlägg med adressen {source.post!r}")
        answered = created.get(source.answers) if source.answers else None
        if source.answers and (answered is None or answered.page_id != page.pk):
            raise ContentError(
                f"comments.txt: {source.number} svarar på {source.answers}, "
                "som inte finns tidigare under samma inlägg"
            )
        placement = place_reply(
            Node(answered.pk, answered.thread_path) if answered else None, max_depth
        )
        by_writer = source.name.startswith("@") and writer is not None
        status, reasons = STATUSES[source.status]
        text = markup.normalise_text(source.text)
        comment = Comment.objects.create(
            page=page,
            parent_id=placement.parent_id,
            in_reply_to=answered,
            thread_path="",
            depth=placement.depth,
            status=status,
            held_reasons=list(reasons) or (["trusted"] if by_writer else []),
            author_name=writer.title if by_writer else source.name,
            author_email=services.normalise_email(source.email),
            author_website=markup.safe_website(source.website),
            text=text,
            text_html=markup.render(text),
            user=writer_user if by_writer else None,
            created_at=source.written,
            moderated_at=source.written + dt.timedelta(minutes=20)
            if status == Status.APPROVED
            else None,
        )
        comment.thread_path = child_path(placement.parent_path, comment.pk)
        comment.save(update_fields=["thread_path"])
        ModerationEvent.objects.create(
            comment=comment,
            action=ModerationEvent.Action.CREATED,
            actor=comment.user,
            actor_label=comment.author_name,
            reason=", ".join(comment.held_reasons),
            changes={"status": [None, status]},
            created_at=source.written,
        )
        if source.status == "anmäld":
            CommentReport.objects.create(
                comment=comment,
                reason=CommentReport.Reason.ABUSE,
                details="Raljant mot en annan kommentator.",
                created_at=source.written + dt.timedelta(hours=2),
            )
            Comment.objects.filter(pk=comment.pk).update(open_reports=1)
        created[source.number] = comment
    return created
