"""One rule decides which comments readers see: approved and not hidden for review."""

import pytest

from utgivare.comments.models import Comment
from utgivare.comments.moderation import Status

from .factories import CommentFactory


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("hidden", [False, True])
def test_readers_see_a_comment_exactly_when_it_is_public(article, status, hidden):
    comment = CommentFactory(page=article, status=status, hidden_for_review=hidden)
    shown = Comment.objects.public().filter(pk=comment.pk).exists()
    assert shown == comment.is_public
    assert shown == (status == Status.APPROVED and not hidden)


def test_comment_hidden_by_reports_leaves_the_thread_and_the_count(client, article):
    CommentFactory(page=article, text="Syns för alla.")
    CommentFactory(page=article, text="Dold efter anmälningar.", hidden_for_review=True)
    html = client.get(article.url).content.decode()
    assert "Syns för alla." in html
    assert "Dold efter anmälningar." not in html
    assert "1 kommentar" in html
