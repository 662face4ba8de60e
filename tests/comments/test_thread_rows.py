"""The rows a thread is drawn from (read with a statement compiled once, for speed:
core.compiled_queries) are the ORM's: each page's own public comments, in thread
order, with aware times."""

from django.utils import timezone

from tests.factories import ArticlePageFactory
from utgivare.comments import thread_html
from utgivare.comments.models import Status
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
        by_orm = list(thread_html._public_rows(piece.pk))
        read = thread_html._rows(piece.pk)
        assert [tuple(row) for row in read] == by_orm
        assert len(read) == 2
        assert all(timezone.is_aware(row[7]) for row in read)
