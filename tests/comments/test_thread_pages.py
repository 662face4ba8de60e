"""A long thread is shown in pages of whole conversations: every comment is on
exactly one page, a reply on the page of the comment it answers, and links to a
comment (permalink, a reply form) lead to its page."""

import pytest
from bs4 import BeautifulSoup

from utgivare.comments import thread_html

from .factories import CommentFactory


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(thread_html, "PAGE_COMMENTS", 3)


def ids_on(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [li["id"] for li in soup.select("li.comment")], soup


def test_every_comment_is_on_one_page_and_replies_stay_with_their_conversation(client, article):
    first = CommentFactory(page=article)
    replies = [CommentFactory(page=article, parent=first) for _ in range(3)]
    others = [CommentFactory(page=article) for _ in range(4)]
    page_one, soup = ids_on(client, article.url)
    # Three to a page, by where each conversation starts: the first (4 comments, from
    # position 0) fills page 1 alone; the others start at 4 and 5 (page 2), 6 and 7 (page 3).
    assert page_one == [f"kommentar-{c.pk}" for c in [first, *replies]]
    assert "Sida 1 av 3" in soup.select_one("[data-comment-pages]").get_text()
    assert soup.select_one("[data-comment-count]").get_text() == "8 kommentarer"
    page_two, _ = ids_on(client, f"{article.url}?kommentarer=2")
    page_three, soup = ids_on(client, f"{article.url}?kommentarer=3")
    assert page_two == [f"kommentar-{c.pk}" for c in others[:2]]
    assert page_three == [f"kommentar-{c.pk}" for c in others[2:]]
    assert soup.select_one("a[rel=prev]")["href"] == "?kommentarer=2#kommentarer"
    # Nonsense asks for the first page; beyond the end, the last.
    assert ids_on(client, f"{article.url}?kommentarer=x")[0] == page_one
    assert ids_on(client, f"{article.url}?kommentarer=99")[0] == page_three


def test_permalink_and_reply_form_open_the_comment_s_page(client, article):
    first = CommentFactory(page=article)
    CommentFactory(page=article, parent=first)
    CommentFactory(page=article, parent=first)
    later = CommentFactory(page=article)
    response = client.get(f"/kommentarer/k/{later.pk}/")
    assert response["Location"] == f"{article.url}?kommentarer=2#kommentar-{later.pk}"
    assert client.get(f"/kommentarer/k/{first.pk}/")["Location"] == (
        f"{article.url}#kommentar-{first.pk}"
    )
    # ?svara= draws the reply form inside the answered comment, on its page.
    soup = BeautifulSoup(client.get(f"{article.url}?svara={later.pk}").content, "html.parser")
    assert soup.select_one(f"#kommentar-{later.pk} form.comment-form") is not None


def test_a_short_thread_has_no_page_links(client, article):
    CommentFactory(page=article)
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert soup.select_one("[data-comment-pages]") is None
