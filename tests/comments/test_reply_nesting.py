from bs4 import BeautifulSoup

from utgivare.comments.models import Comment
from utgivare.comments.moderation import ModerationMode

from .factories import CommentFactory, comment_settings


def thread_of(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def test_reply_nests_under_the_comment_it_answers(client, article, site, post_comment):
    comment_settings(site, moderation_mode=ModerationMode.POST)
    first = CommentFactory(page=article, author_name="Anna")
    post_comment(article, in_reply_to=str(first.pk), name="Bertil", text="Jag håller med Anna.")
    reply = Comment.objects.get(author_name="Bertil")
    assert reply.parent_id == first.pk and reply.depth == 2
    soup = thread_of(client, article)
    nested = soup.select_one(f"#kommentar-{first.pk} > ol.comment-replies > #kommentar-{reply.pk}")
    assert nested is not None
    assert "Jag håller med Anna." in nested.get_text()


def test_reply_below_the_last_level_attaches_there_and_says_whom_it_answers(
    client, article, site, post_comment
):
    comment_settings(site, moderation_mode=ModerationMode.POST, max_depth=3)
    top = CommentFactory(page=article, author_name="Anna")
    second = CommentFactory(page=article, parent=top, author_name="Bertil")
    third = CommentFactory(page=article, parent=second, author_name="Cilla")
    post_comment(article, in_reply_to=str(third.pk), name="David", text="Svar till Cilla.")
    reply = Comment.objects.get(author_name="David")
    assert reply.depth == 3 and reply.parent_id == second.pk and reply.in_reply_to_id == third.pk
    soup = thread_of(client, article)
    item = soup.select_one(f"#kommentar-{second.pk} > ol.comment-replies > #kommentar-{reply.pk}")
    assert "Svar till Cilla" in item.select_one(".comment__reply-to").get_text()
    # Oldest first: Cilla's comment comes before David's answer to it.
    ids = [li["id"] for li in soup.select("li.comment")]
    assert ids.index(f"kommentar-{third.pk}") < ids.index(f"kommentar-{reply.pk}")


def test_configured_depth_of_two_flattens_earlier(client, article, site, post_comment):
    comment_settings(site, moderation_mode=ModerationMode.POST, max_depth=2)
    top = CommentFactory(page=article)
    second = CommentFactory(page=article, parent=top)
    post_comment(article, in_reply_to=str(second.pk), text="Tredje nivån blir andra.")
    assert Comment.objects.latest("pk").depth == 2


def test_thread_is_oldest_first(client, article):
    first = CommentFactory(page=article, text="Först skriven.")
    second = CommentFactory(page=article, text="Sedan skriven.")
    CommentFactory(page=article, parent=first, text="Svar på den första.")
    html = client.get(article.url).content.decode()
    assert html.index("Först skriven.") < html.index("Svar på den första.")
    assert html.index("Svar på den första.") < html.index("Sedan skriven.")
    assert second.pk


def test_count_shows_approved_comments_only(client, article):
    CommentFactory(page=article)
    CommentFactory(page=article, status="pending")
    CommentFactory(page=article, status="spam")
    CommentFactory(page=article, status="rejected")
    assert "1 kommentar<" in client.get(article.url).content.decode()


def test_each_comment_has_a_permalink(client, article):
    comment = CommentFactory(page=article)
    soup = thread_of(client, article)
    link = soup.select_one(f"#kommentar-{comment.pk} a.comment__permalink")
    assert link["href"] == f"#kommentar-{comment.pk}"
    response = client.get(f"/kommentarer/k/{comment.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#kommentar-{comment.pk}"


def test_permalink_to_a_held_comment_is_not_found(client, article):
    comment = CommentFactory(page=article, status="pending")
    assert client.get(f"/kommentarer/k/{comment.pk}/").status_code == 404


def test_replies_to_a_rejected_comment_keep_their_place(client, article):
    top = CommentFactory(page=article, status="rejected", text="Borttagen text.")
    reply = CommentFactory(page=article, parent=top, text="Svaret finns kvar.")
    soup = thread_of(client, article)
    placeholder = soup.select_one(f"#kommentar-{top.pk}")
    assert "Kommentaren har tagits bort." in placeholder.get_text()
    assert "Borttagen text." not in soup.get_text()
    assert placeholder.select_one(f"#kommentar-{reply.pk}") is not None


def test_without_javascript_reply_link_shows_the_form_under_that_comment(client, article):
    comment = CommentFactory(page=article, author_name="Anna")
    soup = BeautifulSoup(client.get(f"{article.url}?svara={comment.pk}").content, "html.parser")
    form = soup.select_one(f"#kommentar-{comment.pk} form.comment-form")
    assert form is not None
    assert form.select_one("input[name=in_reply_to]")["value"] == str(comment.pk)
    assert "Svara Anna" in soup.select_one(f"#kommentar-{comment.pk}").get_text()
    # Only one form on the page.
    assert len(soup.select("form.comment-form")) == 1
