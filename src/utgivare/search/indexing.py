"""Keeping the search index current: what a piece's entry holds, and when it changes.

Generic over every concrete ReadablePiece subclass (articles, blog posts, and any
later type such as podcast episodes and videos): a new type is indexed by existing.
A piece has an entry exactly while it is live and public (no view restriction);
publishing, unpublishing, moving, restricting and deleting pages re-check the
pieces concerned (`connect_signals`). Entries also carry the names of the pages a
piece points at (its parent, author, issue); when one of those is published again
or deleted, the entries naming it are rewritten.
"""

import datetime as dt

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from utgivare.publication.blocks import stream_plain_text
from utgivare.publication.pieces import ReadablePiece
from utgivare.publication.signals import pieces_created_in_bulk

from .backends import write_fts
from .models import SearchEntry

BATCH_SIZE = 200


def piece_models() -> list[type]:
    """Every concrete page type that is a ReadablePiece, whichever app defines it."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ReadablePiece) and not model._meta.abstract
    ]


def _published_at(piece) -> dt.datetime:
    # A piece's own date when it has one (blog posts), else when it first went live.
    date = getattr(piece, "date", None)
    if isinstance(date, dt.datetime):
        return date
    if isinstance(date, dt.date):
        return timezone.make_aware(dt.datetime.combine(date, dt.time(12)))
    return piece.first_published_at or piece.last_published_at or timezone.now()


def entry_for(piece, parent=None) -> SearchEntry:
    """The index entry of one specific piece (not saved)."""
    if parent is None:
        parent = piece.get_parent()
    author = getattr(piece, "author", None)
    issue = getattr(piece, "issue", None)
    return SearchEntry(
        page_id=piece.pk,
        kind=piece.paywall_content_type,
        path=piece.path,
        parent_id=parent.pk if parent else None,
        kicker=parent.title if parent else "",
        author_id=author.pk if author else None,
        author_name=author.title if author else "",
        issue_id=issue.pk if issue else None,
        title=piece.title,
        lead=piece.lead or "",
        # Its topics are shown to everyone and link to a search for them.
        teaser_text=" ".join(
            [stream_plain_text(piece.teaser_blocks()), *getattr(piece, "topic_list", [])]
        ),
        body_text=stream_plain_text(piece.body),
        access_level=piece.access_level or "",
        published_at=_published_at(piece),
    )


FIELDS = [field.name for field in SearchEntry._meta.concrete_fields if not field.primary_key]


def write_entries(entries) -> None:
    """Insert or replace `entries` (and their SQLite FTS rows) in one transaction."""
    if not entries:
        return
    with transaction.atomic():
        SearchEntry.objects.bulk_create(
            entries,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=FIELDS,
        )
        write_fts(entries)


def indexable(pages):
    """The live, public pieces among `pages` (a Page queryset), as their specific types."""
    return pages.type(*piece_models()).live().public().specific()


def reindex_subtree(page) -> None:
    """Re-check every piece at or below `page`: entries for the live and public, none else."""
    pieces = Page.objects.descendant_of(page, inclusive=True).type(*piece_models())
    all_ids = set(pieces.values_list("pk", flat=True))
    if not all_ids:
        return
    live = list(indexable(pieces))
    with transaction.atomic():
        SearchEntry.objects.filter(page_id__in=all_ids - {piece.pk for piece in live}).delete()
        write_entries([entry_for(piece) for piece in live])


def reindex_pieces(page_ids) -> None:
    """Rebuild the entries of the given pieces from their pages."""
    page_ids = set(page_ids)
    if not page_ids:
        return
    live = list(indexable(Page.objects.filter(pk__in=page_ids)))
    with transaction.atomic():
        SearchEntry.objects.filter(page_id__in=page_ids - {piece.pk for piece in live}).delete()
        write_entries([entry_for(piece) for piece in live])


def rebuild(progress=None) -> int:
    """Index every live, public piece from scratch; `progress(n)` after each batch."""
    ids = list(indexable(Page.objects.all()).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        SearchEntry.objects.exclude(page_id__in=ids).delete()
        for start in range(0, len(ids), BATCH_SIZE):
            batch = ids[start : start + BATCH_SIZE]
            write_entries(
                [entry_for(piece) for piece in indexable(Page.objects.filter(pk__in=batch))]
            )
            if progress:
                progress(len(batch))
    return len(ids)


def _entries_naming(page_id):
    return SearchEntry.objects.filter(
        Q(parent_id=page_id) | Q(author_id=page_id) | Q(issue_id=page_id)
    ).values_list("page_id", flat=True)


def relabel(page) -> None:
    """Entries naming `page` as their kicker or author take its current title.

    A plain update, not a reindex: a section or writer may have thousands of pieces.
    """
    changed = set()
    for id_column, label_column in (("parent_id", "kicker"), ("author_id", "author_name")):
        stale = SearchEntry.objects.filter(**{id_column: page.pk}).exclude(
            **{label_column: page.title}
        )
        changed |= set(stale.values_list("page_id", flat=True))
        stale.update(**{label_column: page.title})
    if changed:
        write_fts(list(SearchEntry.objects.filter(page_id__in=changed)))


def add_missing_below(page) -> None:
    """Index the live, public pieces below `page` that have no entry (after a move or a
    restriction was lifted)."""
    below = indexable(Page.objects.descendant_of(page)).values_list("pk", flat=True)
    have = SearchEntry.objects.filter(path__startswith=page.path).values_list("page_id", flat=True)
    reindex_pieces(set(below) - set(have))


# --- Signals ----------------------------------------------------------------------


def _on_published(sender, instance, **kwargs):
    if isinstance(instance, ReadablePiece):
        reindex_pieces([instance.pk])
    else:
        relabel(instance)
        add_missing_below(instance)


def _on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, ReadablePiece):
        reindex_pieces([instance.pk])


def _on_moved(sender, instance, **kwargs):
    # Paths (and for a moved piece its kicker) change for everything below.
    moved = Page.objects.filter(pk=instance.pk).first()
    if moved is not None:
        reindex_subtree(moved)


def _on_deleted(sender, instance, **kwargs):
    # The entry of a deleted piece goes with it (foreign key, and on SQLite the FTS
    # trigger); entries that named the deleted page (its writer, its issue) lose the name.
    if not isinstance(instance, Page) or isinstance(instance, ReadablePiece):
        return
    naming = list(_entries_naming(instance.pk))
    if naming:
        transaction.on_commit(lambda: reindex_pieces(naming))


def _on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_subtree(page)


def _on_placement_changed(sender, instance, **kwargs):
    # An article placed in (or taken out of) an issue: its issue filter changes.
    reindex_pieces([instance.article_id])


def _on_created_in_bulk(sender, pieces, parent, **kwargs):
    for piece in pieces:
        # What entry_for would otherwise query per piece (a blog post's blog).
        piece.__dict__["blog"] = parent
    write_entries([entry_for(piece, parent=parent) for piece in pieces])


def connect_signals():
    page_published.connect(_on_published, dispatch_uid="search-published")
    pieces_created_in_bulk.connect(_on_created_in_bulk, dispatch_uid="search-bulk-created")
    page_unpublished.connect(_on_unpublished, dispatch_uid="search-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="search-moved")
    post_delete.connect(_on_deleted, dispatch_uid="search-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal!r}",
        )
        signal.connect(
            _on_placement_changed,
            sender="publication.IssuePlacement",
            dispatch_uid=f"search-placement-{signal!r}",
        )
