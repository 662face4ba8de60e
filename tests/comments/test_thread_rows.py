"""The rows a thread is drawn from (read with a statement compiled once, for speed:
core.compiled_queries) are the ORM's: each page's own public comments, in thread
order, with aware times."""

from django.utils import timezone

from tests.factories import ArticlePageFactory
from utgivare.comments import thread_html
from utgivare.comments.models import Comment, Status
from utgivare.core import compiled_queries

from .factories import CommentFactory


def test_thread_rows_are_what_the_orm_reads_for_each_page(tree):
    compiled_queries.forget()
    pieces = [ArticlePageFactory(parent=tree["sections"][0]) for _ in range(2)]
    for piece in pieces:
        first = CommentFactory(page=piece)
        CommentFactory(page=piece, parent=first)
        CommentFactory(page=piece, status=Status.PENDING)
        CommentFactory(page=piece, hidden_for_review=True)
    for piece in pieces:
        by_orm = list(
            Comment.objects.public()
            .filter(page=piece)
            .order_by("thread_path")
            .values_list("pk", "author_name", "text_html", "created_at", "in_reply_to_id")
        )
        _number, _count, entries = thread_html.load_page(piece.pk, 1)
        read = [(e.id, e.name, e.text_html, e.created_at, e.in_reply_to_id) for e in entries]
        assert read == by_orm
        assert len(read) == 2
        assert all(timezone.is_aware(entry.created_at) for entry in entries)
