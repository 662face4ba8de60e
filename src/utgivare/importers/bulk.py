"""Creating many new pages and comments at once, for the first import of a large export.

Wagtail's page API saves a page three times per post (add_child, save_revision,
publish), each with its signals, search indexing and reference index: about
a quarter of a second a post, so 10,000 posts would take most of an hour.
New posts are therefore written in batches here, to the same rows Wagtail
would write (the page in the tree with its path and url_path, the specific
row, one revision that is both the latest and, when published, the live
one), and comments with the same rules as `comments.threads.add_comment`
(`threading.place_reply`, `child_path`, `comment_text`), level by level so a
reply's path can name its parent's id. The search index is brought up to date
with one bulk call per batch; the caller bumps the content version once.

An existing post (a second run) goes through Wagtail's API instead, so an
update is an ordinary new revision.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

from utgivare.comments import comment_text
from utgivare.comments.models import Comment, Thread
from utgivare.comments.moderation import Status
from utgivare.comments.threading import Node, child_path, place_reply
from utgivare.publication.blocks import stream_plain_text
from utgivare.publication.reading_time import count_words

PAGE_FIELDS = [field.name for field in Page._meta.concrete_fields if field.name != "id"]


def execute_many(model, sql, rows):
    """One statement for many rows: an UPDATE by id is far cheaper than bulk_update's CASE."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(sql.format(table=table), rows)


def insert_specific_rows(model, pages):
    """The specific table's rows (e.g. blogs_blogpostpage) for pages whose Page row exists.

    Django's bulk_create refuses models with multi-table inheritance, so the
    values are prepared by each field as a save would and inserted in one
    statement.
    """
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    rows = [
        [field.get_db_prep_save(getattr(page, field.attname), connection) for field in fields]
        for page in pages
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def create_pages(parent, pages):
    """Add unsaved specific `pages` (one model) as the last children of `parent`."""
    if not pages:
        return []
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)  # its numchild and path as stored now
    last = Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True).first()
    position = Page._str2int(last[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    base_type = ContentType.objects.get_for_model(Page)
    bases = []
    for page in pages:
        position += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, position)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.has_unpublished_changes = not page.live
        page.word_count = count_words(page.lead) + count_words(stream_plain_text(page.body))
        bases.append(Page(**{name: getattr(page, name) for name in PAGE_FIELDS}))
    Page.objects.bulk_create(bases)
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.id = page.page_ptr_id = base.pk
    insert_specific_rows(model, pages)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=page.latest_revision_created_at,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in pages
        ]
    )
    for base, page, revision in zip(bases, pages, revisions, strict=True):
        base.latest_revision = page.latest_revision = revision
        if page.live:
            base.live_revision = page.live_revision = revision
        else:
            page.live_revision = None
    execute_many(
        Page,
        "UPDATE {table} SET latest_revision_id = %s, live_revision_id = %s WHERE id = %s",
        [(page.latest_revision.pk, page.live_revision_id, page.pk) for page in pages],
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    get_search_backend().add_bulk(model, pages)
    return pages


def create_comments(threads, max_depth):
    """Comments for new pages, threaded: {page_id: [(wp_id, wp_parent_id, fields)]}.

    Returns {wp_id: Comment id}. A comment whose parent is missing (not
    imported: spam, a pingback) starts its own thread, as add_comment would
    place a reply to nothing.
    """
    made: dict[str, tuple[int, str]] = {}
    levels: dict[int, list] = {}
    for page_id, comments in threads.items():
        known = {wp_id: parent for wp_id, parent, _fields in comments}
        for wp_id, parent, fields in comments:
            level, seen, current = 0, set(), parent
            while current in known and current not in seen and level < 1000:
                seen.add(current)
                current = known[current]
                level += 1
            levels.setdefault(level, []).append((page_id, wp_id, parent, fields))
    for level in sorted(levels):
        rows, placements = [], []
        for page_id, wp_id, parent, fields in levels[level]:
            answering = made.get(parent)
            placement = place_reply(Node(*answering) if answering else None, max_depth)
            text = comment_text.normalise_text(fields["text"])
            fields = {**fields, "text": text, "text_html": comment_text.render(text)}
            rows.append(
                Comment(
                    page_id=page_id,
                    parent_id=placement.parent_id,
                    in_reply_to_id=answering[0] if answering else None,
                    thread_path="",
                    depth=placement.depth,
                    **fields,
                )
            )
            placements.append((wp_id, placement.parent_path))
        Comment.objects.bulk_create(rows, batch_size=500)
        for comment, (wp_id, parent_path) in zip(rows, placements, strict=True):
            comment.thread_path = child_path(parent_path, comment.pk)
            made[wp_id] = (comment.pk, comment.thread_path)
        execute_many(
            Comment,
            "UPDATE {table} SET thread_path = %s WHERE id = %s",
            [(comment.thread_path, comment.pk) for comment in rows],
        )
    Thread.objects.bulk_create(
        [
            Thread(
                page_id=page_id,
                approved_count=sum(
                    1 for _w, _p, fields in comments if fields["status"] == Status.APPROVED
                ),
                version=1,
                last_comment_at=max((fields["created_at"] for _w, _p, fields in comments)),
            )
            for page_id, comments in threads.items()
            if comments
        ]
    )
    return {wp_id: pk for wp_id, (pk, _path) in made.items()}
