from bs4 import BeautifulSoup

from utgivare.comments.models import Comment
from utgivare.core.models import ImprintSettings

from .factories import CommentFactory, make_user


def badges(client, page, comment):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [b.get_text() for b in soup.select(f"#kommentar-{comment.pk} .comment__badge")]


def test_pieces_author_is_marked_in_the_thread(client, article):
    writer = make_user()
    type(article.author).objects.filter(pk=article.author_id).update(user=writer)
    by_author = CommentFactory(page=article, user=writer, author_name="Karin Lund")
    by_reader = CommentFactory(page=article)
    assert badges(client, article, by_author) == ["Skribent"]
    assert badges(client, article, by_reader) == []


def test_ansvarig_utgivare_is_marked_in_the_thread(client, tree, article):
    from tests.factories import AuthorPageFactory

    publisher_user = make_user()
    publisher = AuthorPageFactory(parent=tree["authors"], title="Per Utgivare", user=publisher_user)
    imprint = ImprintSettings.for_site(tree["site"])
    imprint.responsible_publisher = publisher
    imprint.save()
    comment = CommentFactory(page=article, user=publisher_user)
    assert badges(client, article, comment) == ["Ansvarig utgivare"]


def test_a_guest_using_the_authors_name_gets_no_badge_and_is_held(client, article, post_comment):
    post_comment(article, name="Karin Lund")
    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert "reserved_name" in comment.held_reasons


def test_the_author_logged_in_is_published_at_once(client, article, post_comment):
    writer = make_user(email="karin@example.org")
    type(article.author).objects.filter(pk=article.author_id).update(user=writer)
    client.force_login(writer)
    post_comment(article, name="Karin Lund", email="karin@example.org")
    comment = Comment.objects.get()
    assert comment.status == "approved"
    assert badges(client, article, comment) == ["Skribent"]
