"""The thread row that every article view reads (comments.plain_sql, written out for
speed) is what the ORM reads: count, open state, version and an aware last time."""

from django.utils import timezone

from tests.factories import ArticlePageFactory
from utgivare.comments import threads
from utgivare.comments.models import Thread, ThreadClosing

from .factories import CommentFactory

FIELDS = ("page_id", "approved_count", "closing", "version", "last_comment_at")


def test_thread_row_is_what_the_orm_reads(tree):
    article = ArticlePageFactory(parent=tree["sections"][0])
    CommentFactory(page=article)
    CommentFactory(page=article)
    Thread.objects.filter(page_id=article.pk).update(
        closing=ThreadClosing.CLOSED, last_comment_at=timezone.now()
    )
    read = threads.thread_for(article.pk)
    stored = Thread.objects.get(page_id=article.pk)
    assert [getattr(read, name) for name in FIELDS] == [getattr(stored, name) for name in FIELDS]
    assert read.approved_count == 2
    assert timezone.is_aware(read.last_comment_at)


def test_page_without_a_thread_gets_an_empty_unsaved_one(tree):
    article = ArticlePageFactory(parent=tree["sections"][0])
    read = threads.thread_for(article.pk)
    assert (read.approved_count, read.version, read._state.adding) == (0, 0, True)


def test_thread_row_read_can_be_saved_as_an_update(tree):
    article = ArticlePageFactory(parent=tree["sections"][0])
    CommentFactory(page=article)
    read = threads.thread_for(article.pk)
    read.closing = ThreadClosing.OPEN
    read.save()
    assert Thread.objects.count() == 1
    assert Thread.objects.get(page_id=article.pk).closing == ThreadClosing.OPEN
