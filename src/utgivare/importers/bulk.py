"""Creating many new pages and comments at once, for the first import of a large export.

Wagtail's page API saves a page three times per post (add_child, save_revision,
publish), each with its signals, search indexing and reference index: about
a quarter of a second a post, so 10,000 posts would take most of an hour.
New posts are therefore written in batches here, to the same rows Wagtail
would write (the page in the tree with its path and url_path, the specific
row, one revision that is both the latest and, when published, the live
one), and comments with the same rules as `comments.threads.add_comment`
(`threading.place_reply`, `child_path`, `comment_text`).

Rows are inserted with one `executemany` per table and batch, not through
`bulk_create`: Django's insert compiler costs more per row than the database
does (it was two thirds of the import's time). Ids are taken beforehand
(`allocate_ids`), so a comment's thread path, which names its own id and its
parent's, is known before the insert and each comment is written once.
Wagtail's search index (the admin's) is brought up to date with one bulk call
per batch, and the site's own search hears of the batch's live public pieces
(`publication.signals.pieces_created_in_bulk`); the caller bumps the content
version once.

An existing post (a second run) goes through Wagtail's API instead, so an
update is an ordinary new revision.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import BooleanField, CharField, F, ForeignKey, IntegerField, TextField
from django.utils import timezone
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

from utgivare.comments import comment_text
from utgivare.comments.models import Comment, Thread
from utgivare.comments.moderation import Status
from utgivare.comments.threading import Node, child_path, place_reply
from utgivare.publication.blocks import stream_plain_text
from utgivare.publication.reading_time import count_words
from utgivare.publication.signals import pieces_created_in_bulk

PAGE_FIELDS = [field.name for field in Page._meta.concrete_fields if field.name != "id"]


def execute_many(model, sql, rows):
    """One statement for many rows: an UPDATE by id is far cheaper than bulk_update's CASE."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(sql.format(table=table), rows)


def allocate_ids(model, count: int) -> list[int]:
    """`count` new primary keys for `model`'s table, taken before the rows are written.

    PostgreSQL: from the table's own sequence, so concurrent writers never
    collide. SQLite: past the largest id ever used (AUTOINCREMENT's
    sqlite_sequence too); safe because the import's transaction holds SQLite's
    write lock from its start (transaction_mode IMMEDIATE, and it has written
    before it gets here).
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {quoted}")  # noqa: S608
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        highest = max(highest, row[0] if row else 0)
    return list(range(highest + 1, highest + 1 + count))


def passes_as_is(field) -> bool:
    """Text, numbers, booleans and integer keys need no preparing (dates, JSON, UUIDs do)."""
    if isinstance(field, ForeignKey):
        field = field.target_field
    return isinstance(field, CharField | TextField | IntegerField | BooleanField)


def insert_rows(model, names, rows):
    """INSERT `rows` (tuples in the order of field `names`, attnames for foreign keys).

    Values are prepared only where the database needs it (`passes_as_is`).
    Fields not named take their defaults, as a save would give them.
    """
    if not rows:
        return
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    named = [by_attname[name] for name in names]
    rest = [field for field in model._meta.concrete_fields if field.attname not in names]
    rest = [field for field in rest if not (field.primary_key and field.attname not in names)]
    now = timezone.now()
    defaults = []
    for field in rest:
        auto_now = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        defaults.append(
            field.get_db_prep_save(now if auto_now else field.get_default(), connection)
        )
    prepared = [
        None
        if passes_as_is(field)
        else (lambda v, field=field: field.get_db_prep_save(v, connection))
        for field in named
    ]
    converting = [(i, prepare) for i, prepare in enumerate(prepared) if prepare]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in named + rest)
    marks = ", ".join(["%s"] * (len(named) + len(rest)))
    table = connection.ops.quote_name(model._meta.db_table)
    values = []
    for row in rows:
        if converting:
            row = list(row)
            for i, prepare in converting:
                row[i] = prepare(row[i])
        values.append((*row, *defaults))
    write_values(table, columns, marks, values)


def write_values(table, columns, marks, values):
    """The INSERT itself. SQLite's executemany runs in C. On PostgreSQL psycopg
    sends each row of an executemany on its own, and parses a long multi-row
    INSERT's placeholders slowly, so rows go by COPY, which is made for this."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)  # noqa: S608
            return
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)


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
    write_values(table, columns, marks, rows)


def revision_content(page) -> dict:
    """What `page.serializable_data()` gives a new page, without its queries.

    modelcluster reads each child relation (comments, view restrictions …)
    from the database once the page has an id, one query each per page; a
    page that was never saved has none, so they are empty lists here.
    """
    content = get_serializable_data_for_fields(page)
    for relation in get_all_child_relations(page):
        content[relation.get_accessor_name()] = []
    for field in get_all_child_m2m_relations(page):
        if field.serialize:
            content[field.name] = []
    return content


def create_pages(parent, pages, *, public_ids=frozenset()):
    """Add unsaved specific `pages` (one model) as the last children of `parent`.

    `public_ids`: the id() of the pages everyone may read once live (no view
    restriction above or on them): only those get an entry in the site's search.
    """
    if not pages:
        return []
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)  # its numchild and path as stored now
    last = Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True).first()
    position = Page._str2int(last[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    base_type = ContentType.objects.get_for_model(Page)
    page_ids = allocate_ids(Page, len(pages))
    revision_ids = allocate_ids(Revision, len(pages))
    revisions = []
    for page, page_id, revision_id in zip(pages, page_ids, revision_ids, strict=True):
        position += 1
        page.pk = page.id = page.page_ptr_id = page_id
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, position)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.has_unpublished_changes = not page.live
        page.word_count = count_words(page.lead) + count_words(stream_plain_text(page.body))
        page.latest_revision_id = revision_id
        page.live_revision_id = revision_id if page.live else None
        revisions.append(
            (
                revision_id,
                content_type.pk,
                base_type.pk,
                str(page_id),
                page.latest_revision_created_at,
                page.title,
                revision_content(page),
            )
        )
    # The page rows name their revisions before those exist: foreign keys are
    # checked at commit (deferred) on both databases.
    names = ["id", *(Page._meta.get_field(name).attname for name in PAGE_FIELDS)]
    insert_rows(Page, names, [tuple(getattr(page, name) for name in names) for page in pages])
    insert_specific_rows(model, pages)
    insert_rows(
        Revision,
        [
            "id",
            "content_type_id",
            "base_content_type_id",
            "object_id",
            "created_at",
            "object_str",
            "content",
        ],
        revisions,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    get_search_backend().add_bulk(model, pages)
    readable = [page for page in pages if page.live and id(page) in public_ids]
    if readable:
        pieces_created_in_bulk.send(model, pieces=readable, parent=parent.specific)
    return pages


COMMENT_COLUMNS = [
    "id",
    "page_id",
    "parent_id",
    "in_reply_to_id",
    "thread_path",
    "depth",
    "author_name",
    "author_email",
    "author_website",
    "text",
    "text_html",
    "status",
    "created_at",
    "ip_hash",
]


def create_comments(threads, max_depth):
    """Comments for new pages, threaded: {page_id: [(wp_id, wp_parent_id, fields)]}.

    Each page's comments come parents first. Returns {wp_id: Comment id}. A
    comment whose parent is missing (not imported: a pingback, an empty one)
    starts its own thread, as add_comment would place a reply to nothing.
    """
    count = sum(len(comments) for comments in threads.values())
    ids = iter(allocate_ids(Comment, count))
    made: dict[str, tuple[int, str]] = {}
    rows, thread_rows = [], []
    for page_id, comments in threads.items():
        approved, last = 0, None
        for wp_id, parent, fields in comments:
            comment_id = next(ids)
            answering = made.get(parent)
            placement = place_reply(Node(*answering) if answering else None, max_depth)
            path = child_path(placement.parent_path, comment_id)
            made[wp_id] = (comment_id, path)
            text = comment_text.normalise_text(fields["text"])
            rows.append(
                (
                    comment_id,
                    page_id,
                    placement.parent_id,
                    answering[0] if answering else None,
                    path,
                    placement.depth,
                    fields["author_name"],
                    fields["author_email"],
                    fields["author_website"],
                    text,
                    comment_text.render(text),
                    fields["status"],
                    fields["created_at"],
                    fields["ip_hash"],
                )
            )
            approved += fields["status"] == Status.APPROVED
            last = max(last, fields["created_at"]) if last else fields["created_at"]
        if comments:
            thread_rows.append((page_id, approved, 1, last))
    insert_rows(Comment, COMMENT_COLUMNS, rows)
    insert_rows(Thread, ["page_id", "approved_count", "version", "last_comment_at"], thread_rows)
    return {wp_id: pk for wp_id, (pk, _path) in made.items()}
