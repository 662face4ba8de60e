"""Importing a WordPress export into a blog or a section, in one transaction.

`import_export(stream, target, media_dir=None, progress=None) -> Summary` reads
the export with `wxr.read` (streamed) and makes, for each record:

- author: in a section, an AuthorPage (one with the same name is reused); in a
  blog the posts are the blog's writer's, so authors are only counted;
- category, tag: an ImportedObject row with its name and slug; each post's
  categories and tags become the page's topics (`topics`, shown under the
  text and searchable), WordPress's default "Uncategorized" left out;
- attachment: a Wagtail image (or document) when its file is in `media_dir`;
- post: a BlogPostPage in the blog or an ArticlePage in the section, with its
  dates, status (published, scheduled, draft; private and pending stay
  unpublished; a password becomes a password restriction), body blocks from
  `markup.body_blocks`, featured image, and 301 redirects from `/?p=ID`,
  `/YYYY/MM/DD/slug/` and its own old address;
- comment: through `comments.threads.add_comment` (the one way comments are
  made), threaded as in WordPress (deeper than the site's depth, replies sit on
  the last level and say whom they answer), with name, e-mail, website, date
  and state: approved stay approved, pending arrive pending, spam stays spam
  and trash is rejected, none of them published. The IP address is never
  stored: under the site's "hash" or "store" policy a keyed hash is kept (the
  comments app's), and only for comments younger than the retention time.

Every object is recorded with its WordPress id (ImportedObject), so a second
run updates what changed and creates nothing twice. A post that cannot be
imported fails alone (a savepoint) and is reported; a file that is not
well-formed XML raises `wxr.MalformedExport` and nothing is kept.
"""

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction

from utgivare.blogs.models import BlogPage, BlogPostPage
from utgivare.comments import comment_text, posting, privacy, threads
from utgivare.comments.models import Comment, CommentSettings
from utgivare.comments.moderation import Status
from utgivare.core import content_version
from utgivare.core.text_input import clean_text
from utgivare.publication.models import ArticlePage, AuthorIndexPage, AuthorPage, SectionPage
from utgivare.publication.pieces import joined_topics

from . import bulk, markup, wxr
from .models import ImportedObject

Kind = ImportedObject.Kind
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
COMMENT_STATES = {
    "1": Status.APPROVED,
    "approve": Status.APPROVED,
    "0": Status.PENDING,
    "hold": Status.PENDING,
    "spam": Status.SPAM,
    "trash": Status.REJECTED,
    "post-trashed": Status.REJECTED,
}
PUBLISHED, SCHEDULED, UNPUBLISHED = "published", "scheduled", "unpublished"
POST_STATES = {
    "publish": PUBLISHED,
    "future": SCHEDULED,
    "draft": UNPUBLISHED,
    "pending": UNPUBLISHED,
    "private": UNPUBLISHED,
}
LEAD_LENGTH = 300
MARKUP_SIGNS = re.compile(r"[<>&\[\]]")
DEFAULT_CATEGORY_SLUGS = {"uncategorized", "okategoriserade", "okategoriserat"}
# New posts written together (bulk.py): large enough to save the round trips,
# small enough that a batch's items and comments stay a few megabytes.
BATCH_SIZE = 200


class NotAnExport(Exception):
    """The file is XML, but not a WordPress export we can read."""


@dataclasses.dataclass
class Target:
    """Where posts go: a blog (BlogPostPage) or a section (ArticlePage)."""

    page: Page
    site: object

    @property
    def is_blog(self) -> bool:
        return isinstance(self.page, BlogPage)


def find_target(*, blog: str = "", section: str = "") -> Target:
    model, slug = (BlogPage, blog) if blog else (SectionPage, section)
    page = model.objects.filter(slug=slug).first()
    if page is None:
        raise LookupError(slug)
    return Target(page=page, site=page.get_site())


@dataclasses.dataclass
class Summary:
    created: Counter = dataclasses.field(default_factory=Counter)
    updated: Counter = dataclasses.field(default_factory=Counter)
    unchanged: Counter = dataclasses.field(default_factory=Counter)
    skipped: list = dataclasses.field(default_factory=list)  # (what, reason)
    failed: list = dataclasses.field(default_factory=list)  # (what, reason)


def checksum(*values) -> str:
    data = json.dumps(values, default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def comment_plain_text(content: str) -> str:
    """A WordPress comment (a little HTML) as the plain text our comments hold."""
    if not MARKUP_SIGNS.search(content or ""):
        # Most comments are plain words: no tag, entity or shortcode to take out.
        lines = [" ".join(line.split()) for line in (content or "").split("\n")]
        return clean_text(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>", "\n", content or "")
    text = re.sub(r"(?i)<p\b[^>]*>", "\n", text)
    lines = [markup.plain_text(line) for line in text.split("\n")]
    return clean_text(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())


def valid_email(address: str) -> str:
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address[:254]


def threaded(comments):
    """Comments with every parent before its replies (WordPress ids may not say so)."""
    by_id = {comment.wp_id: comment for comment in comments}
    placed, ordered = set(), []

    def place(comment, seen=()):
        if comment.wp_id in placed:
            return
        parent = by_id.get(comment.parent_id)
        if parent is not None and parent.wp_id not in seen and parent is not comment:
            place(parent, (*seen, comment.wp_id))
        placed.add(comment.wp_id)
        ordered.append(comment)

    for comment in sorted(comments, key=lambda c: (len(c.wp_id), c.wp_id)):
        place(comment)
    return ordered


def old_addresses(item: wxr.Item) -> list[str]:
    """Where WordPress showed the post: /?p=ID, /YYYY/MM/DD/slug/ and its own <link>."""
    addresses = [f"/?p={item.wp_id}"] if item.wp_id else []
    if item.slug and re.match(r"\d{4}-\d{2}-\d{2}", item.local_date):
        year, month, day = item.local_date[:10].split("-")
        addresses.append(f"/{year}/{month}/{day}/{item.slug}/")
    if item.link:
        parsed = urlparse(item.link)
        if parsed.path or parsed.query:
            addresses.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return addresses


class Importer:
    def __init__(self, target: Target, media_dir=None, now=None):
        self.target = target
        self.media_dir = Path(media_dir) if media_dir else None
        self.now = now or timezone.now()
        self.summary = Summary()
        self.source = ""
        self.authors: dict[str, AuthorPage] = {}
        self.images_by_path: dict[str, Image] = {}
        self.attachments: dict[str, ImportedObject] = {}
        self.pending_featured: list[tuple[int, str]] = []
        comment_settings = CommentSettings.for_site(target.site)
        self.max_depth = comment_settings.max_depth
        self.ip_policy = comment_settings.ip_policy
        self.ip_since = self.now - dt.timedelta(days=comment_settings.ip_retention_days)
        self.ip_key = posting.ip_key()
        self.records: dict[tuple[str, str], ImportedObject] = {}
        self.seen_before: set[tuple[str, str]] = set()
        self.batch: list = []
        self.target_slugs: set[str] | None = None
        self.target_public: bool | None = None
        self.root_url_path = target.site.root_page.url_path

    # --- records of what was imported before -----------------------------------------

    def load_records(self):
        """What earlier runs of this site's export made, in one query (not per object)."""
        rows = ImportedObject.objects.filter(source=self.source).exclude(kind=Kind.COMMENT)
        self.records = {(row.kind, row.wp_id): row for row in rows}
        self.seen_before = set(self.records)  # what existed before this run

    def record(self, kind, wp_id, digest, **links) -> tuple[ImportedObject, bool]:
        """The row for (kind, wp_id), created or brought up to date; True if it changed."""
        row = self.records.get((kind, wp_id))
        if row is None:
            row = ImportedObject.objects.create(
                source=self.source, kind=kind, wp_id=wp_id, checksum=digest, **links
            )
            self.records[(kind, wp_id)] = row
            return row, True
        changed = row.checksum != digest or any(
            getattr(row, f"{name}_id") != (value.pk if value else None)
            for name, value in links.items()
            if name != "data"
        )
        if changed or ("data" in links and row.data != links["data"]):
            for name, value in links.items():
                setattr(row, name, value)
            row.checksum = digest
            row.save()
            changed = True
        return row, changed

    # --- the stream -------------------------------------------------------------------

    def run(self, stream) -> Summary:
        with transaction.atomic():
            for record in wxr.read(stream):
                if isinstance(record, wxr.Site):
                    self.start(record)
                elif isinstance(record, wxr.Author):
                    self.author(record)
                elif isinstance(record, wxr.Term):
                    self.term(record)
                elif isinstance(record, wxr.Item):
                    self.item(record)
            self.finish()
        return self.summary

    def start(self, site: wxr.Site):
        if site.wxr_version not in ("1.1", "1.2"):
            raise NotAnExport(site.wxr_version)
        self.source = (site.base_site_url or site.link or "wordpress").rstrip("/")[:255]
        self.load_records()

    def author(self, author: wxr.Author):
        name = clean_text(author.display_name)[:255] or author.login
        if self.target.is_blog:
            self.summary.skipped.append(
                (f"författare {name}", "inläggen skrivs i bloggens namn (bloggens skribent)")
            )
            return
        existing = self.records.get((Kind.AUTHOR, author.wp_id))
        page = existing.page.specific if existing and existing.page_id else None
        if page is None:
            page = AuthorPage.objects.filter(title=name).first()
        created = page is None
        if created:
            index = AuthorIndexPage.objects.descendant_of(self.target.site.root_page).first()
            if index is None:
                self.summary.failed.append(
                    (f"författare {name}", "webbplatsen saknar skribentsida")
                )
                return
            page = AuthorPage(title=name, slug=self.free_slug(index, slugify(name) or "skribent"))
            index.add_child(instance=page)
            page.save_revision().publish(log_action=False)
        self.authors[author.login] = page
        _row, changed = self.record(Kind.AUTHOR, author.wp_id, checksum(name), page=page)
        self.count(Kind.AUTHOR, created, changed)

    def term(self, term: wxr.Term):
        data = {"name": term.name, "slug": term.slug, "parent": term.parent}
        _row, changed = self.record(term.kind, term.wp_id, checksum(data), data=data)
        self.count(term.kind, (term.kind, term.wp_id) not in self.seen_before, changed)

    def count(self, kind, created, changed):
        if created:
            self.summary.created[kind] += 1
        elif changed:
            self.summary.updated[kind] += 1
        else:
            self.summary.unchanged[kind] += 1

    def item(self, item: wxr.Item):
        what = f"{item.post_type or 'objekt'} {item.wp_id} «{item.title[:60]}»"
        if item.post_type == "attachment":
            self.attachment(item, what)
        elif item.post_type != "post":
            self.summary.skipped.append(
                (what, f"WordPress-typen {item.post_type!r} importeras inte")
            )
        elif item.status not in POST_STATES:
            self.summary.skipped.append(
                (what, f"status {item.status!r} (papperskorg eller utkast)")
            )
        else:
            try:
                self.post(item)
            except Exception as error:  # noqa: BLE001 - one post fails alone, with its reason
                self.summary.failed.append((what, str(error) or type(error).__name__))
            if len(self.batch) >= BATCH_SIZE:
                self.flush()  # outside the post's try: a batch that fails stops the import

    # --- attachments and pictures -----------------------------------------------------

    def media_file(self, url: str) -> Path | None:
        if self.media_dir is None or not url:
            return None
        path = urlparse(url).path
        relative = path.split("/uploads/", 1)[1] if "/uploads/" in path else path.lstrip("/")
        for candidate in (relative, Path(relative).name):
            file = (self.media_dir / candidate).resolve()
            if file.is_file() and self.media_dir.resolve() in file.parents:
                return file
        return None

    def attachment(self, item: wxr.Item, what):
        file = self.media_file(item.attachment_url)
        if file is None:
            reason = "ingen --media-dir" if self.media_dir is None else "filen saknas i --media-dir"
            self.summary.skipped.append((what, reason))
            return
        existing = self.records.get((Kind.ATTACHMENT, item.wp_id))
        title = clean_text(item.title)[:255] or file.name
        if file.suffix.lower() in IMAGE_SUFFIXES:
            image = existing.image if existing and existing.image_id else None
            # A post before it in the file may have shown (and imported) the same file.
            image = image or self.images_by_path.get(self.key_for(item.attachment_url))
            created = existing is None
            if image is None:
                image = self.store_image(file, title)
            row, changed = self.record(Kind.ATTACHMENT, item.wp_id, checksum(title), image=image)
            self.images_by_path[self.key_for(item.attachment_url)] = image
        else:
            document = existing.document if existing and existing.document_id else None
            created = document is None
            if created:
                with file.open("rb") as handle:
                    document = Document(title=title)
                    document.file.save(file.name, handle, save=False)
                    document.save()
            row, changed = self.record(
                Kind.ATTACHMENT, item.wp_id, checksum(title), document=document
            )
        self.attachments[item.wp_id] = row
        self.count(Kind.ATTACHMENT, created, changed)

    def store_image(self, file: Path, title: str) -> Image:
        with file.open("rb") as handle:
            image = Image(title=title)
            image.file.save(file.name, ImageFile(handle, name=file.name), save=False)
            image.save()
        return image

    @staticmethod
    def key_for(url: str) -> str:
        path = urlparse(url).path
        path = path.split("/uploads/", 1)[1] if "/uploads/" in path else path.lstrip("/")
        return SIZE_SUFFIX.sub("", path)

    def image_for(self, src: str):
        """The picture an <img src> in a post shows, imported now if its file is there."""
        key = self.key_for(src)
        if key in self.images_by_path:
            return self.images_by_path[key]
        existing = self.records.get((Kind.ATTACHMENT, f"url:{key}"))
        image = existing.image if existing and existing.image_id else None
        if image is None:
            file = self.media_file(src) or self.media_file(SIZE_SUFFIX.sub("", src))
            if file is None or file.suffix.lower() not in IMAGE_SUFFIXES:
                return None
            image = self.store_image(file, file.stem)
            self.record(Kind.ATTACHMENT, f"url:{key}", checksum(key), image=image)
            self.summary.created[Kind.ATTACHMENT] += 1
        self.images_by_path[key] = image
        return image

    def featured(self, item: wxr.Item):
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        row = self.attachments.get(thumbnail) or self.records.get((Kind.ATTACHMENT, thumbnail))
        return thumbnail, (row.image if row and row.image_id else None)

    # --- posts ------------------------------------------------------------------------

    def free_slug(self, parent, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `-3` …: the first that no sibling has."""
        wanted = (wanted or "inlagg")[:200]
        if parent.pk == self.target.page.pk:
            if self.target_slugs is None:  # the target's children, read once
                self.target_slugs = set(
                    Page.objects.child_of(parent).values_list("slug", flat=True)
                )
            taken = self.target_slugs
        else:
            taken = set(
                Page.objects.child_of(parent)
                .filter(slug__startswith=wanted)
                .values_list("slug", flat=True)
            )
        slug, number = wanted, 2
        while slug in taken:
            slug, number = f"{wanted}-{number}", number + 1
        taken.add(slug)
        return slug

    def post(self, item: wxr.Item):
        what = f"inlägg {item.wp_id} «{item.title[:60]}»"
        state = POST_STATES[item.status]
        thumbnail, featured = self.featured(item)
        terms = {"categories": list(item.categories), "tags": list(item.tags)}
        digest = checksum(
            item.title, item.content, item.excerpt, item.slug, item.status, item.password,
            item.date, item.modified, item.creator, terms, thumbnail, featured and featured.pk,
        )  # fmt: skip
        existing = self.records.get((Kind.POST, item.wp_id))
        page = existing.page.specific if existing and existing.page_id else None
        if page is None and state != SCHEDULED:
            # New: written with others in a batch (bulk.py), not one by one. Nothing
            # is written yet, so it needs no savepoint (two round trips a post).
            self.queue(item, state, featured, thumbnail, digest, terms, what)
            return
        with transaction.atomic():  # written one by one: it fails alone
            if page is not None and existing.checksum == digest:
                self.summary.unchanged[Kind.POST] += 1
            else:
                page = self.write_post(item, page, state, featured)
                if featured is None and thumbnail:
                    self.pending_featured.append((page.pk, thumbnail))
                self.record(Kind.POST, item.wp_id, digest, page=page, data=terms)
                self.count(Kind.POST, existing is None or existing.page_id is None, True)
            self.redirects(item, page)
            self.comments(item, page, what)

    def write_post(self, item, page, state, featured):
        created = page is None
        page = self.prepare(item, page, state, featured)
        if created:
            self.target.page.add_child(instance=page)
        revision = page.save_revision(log_action=False, clean=True)
        if state in (PUBLISHED, SCHEDULED):
            revision.publish(log_action=False, skip_permission_checks=True)
        elif page.live:
            page.unpublish(log_action=False)
        # WordPress's own dates, not the time of the import.
        dates = {"last_published_at": item.modified or item.date or self.now}
        if state == PUBLISHED:
            dates["first_published_at"] = item.date or self.now
        Page.objects.filter(pk=page.pk).update(**dates)
        self.restrict(page, item.password)
        return page

    def prepare(self, item, page, state, featured):
        """The page (new and unsaved, or the one imported before) with the item's content."""
        blocks = markup.body_blocks(item.content, self.image_for)
        lead = clean_text(markup.plain_text(item.excerpt, LEAD_LENGTH))
        paragraphs = [i for i, block in enumerate(blocks) if block["type"] == "paragraph"]
        if not lead and paragraphs:
            # The first paragraph becomes the lead, as editors here write them.
            lead = markup.plain_text(blocks.pop(paragraphs[0])["value"], LEAD_LENGTH)
        if not blocks and lead:
            blocks = [{"type": "paragraph", "value": f"<p>{markup.clean_inline(lead)}</p>"}]
        if not lead or not blocks:
            raise ValueError("inlägget har ingen text")
        title = clean_text(item.title)[:255] or lead[:80]
        published = item.date or self.now
        created = page is None
        if created:
            model = BlogPostPage if self.target.is_blog else ArticlePage
            page = model(
                title=title,
                slug=self.free_slug(self.target.page, slugify(item.slug or title)),
                live=False,
            )
        page.title = title
        page.draft_title = title
        page.lead = lead
        page.topics = post_topics(item)
        if self.target.is_blog:
            page.date = published
            if featured is not None:
                blocks.insert(0, image_block(featured))
        else:
            page.author = self.authors.get(item.creator) or page.author
            page.hero_image = featured or page.hero_image
        page.body = json.dumps(blocks)
        page.go_live_at = published if state == SCHEDULED and published > self.now else None
        return page

    def queue(self, item, state, featured, thumbnail, digest, terms, what):
        page = self.prepare(item, None, state, featured)
        page.live = state == PUBLISHED
        published = item.date or self.now
        page.first_published_at = published if page.live else None
        page.last_published_at = (item.modified or published) if page.live else None
        page.latest_revision_created_at = item.modified or published
        comments = [
            (comment.wp_id, comment.parent_id, fields, digest_)
            for comment, fields, digest_ in self.importable(item, what)
        ]
        featured_later = thumbnail if featured is None else ""
        self.batch.append((item, page, featured_later, digest, terms, comments))

    def flush(self):
        """Write the queued new posts, their comments, records and redirects at once."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        if self.target_public is None:  # a restriction above the posts hides them all
            self.target_public = Page.objects.filter(pk=self.target.page.pk).public().exists()
        pages = bulk.create_pages(
            self.target.page,
            [entry[1] for entry in batch],
            public_ids={
                id(entry[1]) for entry in batch if self.target_public and not entry[0].password
            },
        )
        now = timezone.now()
        post_rows = []
        for (item, page, thumbnail, digest, terms, _comments), row_id in zip(
            batch, bulk.allocate_ids(ImportedObject, len(batch)), strict=True
        ):
            post_rows.append((row_id, self.source, Kind.POST, item.wp_id, page.pk, digest, terms))
            self.records[(Kind.POST, item.wp_id)] = ImportedObject(
                pk=row_id,
                source=self.source,
                kind=Kind.POST,
                wp_id=item.wp_id,
                page_id=page.pk,
                checksum=digest,
                data=terms,
                imported_at=now,
                updated_at=now,
            )
            if thumbnail:
                self.pending_featured.append((page.pk, thumbnail))
            if item.password:
                self.restrict(page, item.password)
        bulk.insert_rows(
            ImportedObject,
            ["id", "source", "kind", "wp_id", "page_id", "checksum", "data"],
            post_rows,
        )
        self.summary.created[Kind.POST] += len(post_rows)
        self.bulk_redirects([(entry[0], page) for entry, page in zip(batch, pages, strict=True)])
        threads_by_page = {
            page.pk: [(wp_id, parent, fields) for wp_id, parent, fields, _d in entry[5]]
            for entry, page in zip(batch, pages, strict=True)
        }
        made = bulk.create_comments(threads_by_page, self.max_depth)
        digests = {wp_id: d for entry in batch for wp_id, _p, _f, d in entry[5]}
        bulk.insert_rows(
            ImportedObject,
            ["source", "kind", "wp_id", "comment_id", "checksum"],
            [(self.source, Kind.COMMENT, wp_id, pk, digests[wp_id]) for wp_id, pk in made.items()],
        )
        self.summary.created[Kind.COMMENT] += len(made)

    def bulk_redirects(self, items_and_pages):
        wanted = {}
        for item, page in items_and_pages:
            new_path = Redirect.normalise_path(page.url_path[len(self.root_url_path) - 1 :])
            for address in old_addresses(item):
                old_path = Redirect.normalise_path(address)
                if old_path != new_path:
                    wanted[old_path] = page
        site = self.target.site
        existing = Redirect.objects.filter(site=site, old_path__in=list(wanted))
        for redirect in existing:
            redirect.redirect_page = wanted.pop(redirect.old_path)
            redirect.redirect_link, redirect.is_permanent = "", True
            redirect.save()
        bulk.insert_rows(
            Redirect,
            ["old_path", "site_id", "redirect_page_id", "is_permanent"],
            [(path, site.pk, page.pk, True) for path, page in wanted.items()],
        )

    def restrict(self, page, password):
        restriction = PageViewRestriction.objects.filter(page=page, restriction_type="password")
        if password:
            restriction.update_or_create(
                page=page, restriction_type="password", defaults={"password": password[:255]}
            )
        else:
            restriction.delete()

    def redirects(self, item, page):
        site = self.target.site
        new_path = page.get_url_parts()[2] if page.get_url_parts() else page.url
        for address in old_addresses(item):
            old_path = Redirect.normalise_path(address)
            if old_path == Redirect.normalise_path(new_path or ""):
                continue  # the new page answers at the old address itself
            Redirect.objects.update_or_create(
                old_path=old_path,
                site=site,
                defaults={"redirect_page": page, "is_permanent": True, "redirect_link": ""},
            )

    # --- comments ---------------------------------------------------------------------

    def comments(self, item: wxr.Item, page, what):
        if not item.comments:
            return
        known = {
            row.wp_id: row
            for row in ImportedObject.objects.filter(
                source=self.source,
                kind=Kind.COMMENT,
                wp_id__in=[comment.wp_id for comment in item.comments],
            ).select_related("comment")
        }
        made: dict[str, Comment] = {}
        changed_any = False
        for comment, fields, digest in self.importable(item, what):
            row = known.get(comment.wp_id)
            if row is not None and row.comment_id and row.comment.page_id == page.pk:
                made[comment.wp_id] = row.comment
                if row.checksum == digest:
                    self.summary.unchanged[Kind.COMMENT] += 1
                    continue
                fields.pop("ip_hash")
                fields["text"] = comment_text.normalise_text(fields["text"])
                fields["text_html"] = comment_text.render(fields["text"])
                Comment.objects.filter(pk=row.comment_id).update(**fields)
                row.checksum = digest
                row.save(update_fields=["checksum", "updated_at"])
                self.summary.updated[Kind.COMMENT] += 1
                changed_any = True
                continue
            answering = made.get(comment.parent_id)
            stored = threads.add_comment(page.pk, answering, max_depth=self.max_depth, **fields)
            made[comment.wp_id] = stored
            if row is None:
                ImportedObject.objects.create(
                    source=self.source,
                    kind=Kind.COMMENT,
                    wp_id=comment.wp_id,
                    comment=stored,
                    checksum=digest,
                )
            else:
                row.comment, row.checksum = stored, digest
                row.save()
            self.summary.created[Kind.COMMENT] += 1
            changed_any = True
        if changed_any:
            threads.recount(page.pk, now=self.now)

    def importable(self, item: wxr.Item, what):
        """(comment, fields, checksum) for each comment worth importing, parents first."""
        for comment in threaded(item.comments):
            label = f"kommentar {comment.wp_id} till {what}"
            if comment.comment_type in ("pingback", "trackback"):
                self.summary.skipped.append((label, f"{comment.comment_type} är ingen kommentar"))
                continue
            status = COMMENT_STATES.get(comment.approved)
            text = comment_plain_text(comment.text)
            if status is None or not text:
                reason = "tom kommentar" if status else f"okänt läge {comment.approved!r}"
                self.summary.skipped.append((label, reason))
                continue
            fields = self.comment_fields(comment, status, text)
            yield comment, fields, checksum(sorted(fields.items()), comment.parent_id)

    def comment_fields(self, comment: wxr.Comment, status, text) -> dict:
        written = comment.date or self.now
        ip_hash = ""
        if self.ip_policy != privacy.IpPolicy.NONE and written >= self.ip_since:
            # Never the address itself, whatever the policy: a keyed hash at most.
            ip_hash = privacy.ip_hash(comment.author_ip, self.ip_key)
        return {
            "author_name": clean_text(comment.author_name)[:80] or "Anonym",
            "author_email": valid_email(comment.author_email),
            "author_website": comment_text.safe_website(comment.author_url)[:200],
            "text": text,
            "status": status,
            "created_at": written,
            "ip_hash": ip_hash,
        }

    # --- after the last record --------------------------------------------------------

    def finish(self):
        """The last batch, then featured images whose attachment came after the post."""
        self.flush()
        content_version.bump()  # bulk writes send no page signals
        for page_id, thumbnail in self.pending_featured:
            row = self.attachments.get(thumbnail)
            if row is None or not row.image_id:
                continue
            page = Page.objects.get(pk=page_id).specific
            if isinstance(page, ArticlePage):
                page.hero_image = row.image
            else:
                page.body = json.dumps([image_block(row.image), *page.body.raw_data])
            was_live, dates = page.live, (page.first_published_at, page.last_published_at)
            revision = page.save_revision(log_action=False)
            if was_live:
                revision.publish(log_action=False, skip_permission_checks=True)
                Page.objects.filter(pk=page.pk).update(
                    first_published_at=dates[0], last_published_at=dates[1]
                )


def post_topics(item: wxr.Item) -> str:
    """The post's categories, then its tags, as the page's topics (shown to readers).

    WordPress files every post without a category under its default one
    ("Uncategorized", "Okategoriserade"), which says nothing to a reader.
    """
    names = [
        name
        for slug, name in (*item.categories, *item.tags)
        if slug not in DEFAULT_CATEGORY_SLUGS and name
    ]
    return joined_topics(clean_text(name) for name in names)


def image_block(image) -> dict:
    return {
        "type": "image",
        "value": {"image": image.pk, "caption": "", "photographer": "", "alt_text": ""},
    }


def import_export(stream, target: Target, media_dir=None, now=None) -> Summary:
    return Importer(target, media_dir=media_dir, now=now).run(stream)


def counts(summary: Summary) -> dict:
    """The summary as plain numbers, per kind and outcome."""
    result = defaultdict(dict)
    for outcome in ("created", "updated", "unchanged"):
        for kind, number in getattr(summary, outcome).items():
            result[str(kind)][outcome] = number
    return dict(result)
