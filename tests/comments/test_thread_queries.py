"""A long thread costs the same number of queries as a short one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.caching import clear_cache

from .factories import CommentFactory


def thread_of(article, size):
    top = None
    for n in range(size):
        # Every third comment answers the one before: a mix of depths.
        parent = top if n % 3 else None
        comment = CommentFactory(page=article, parent=parent, recount=False)
        top = comment if parent is None else top
    from utgivare.comments import threads

    threads.recount(article.pk)


def queries_for(client, url):
    clear_cache()  # measure building the thread, not a cached copy
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_thread_of_200_costs_the_same_queries_as_a_thread_of_10(client, tree, article):
    from tests.factories import ArticlePageFactory

    long_article = ArticlePageFactory(parent=tree["sections"][0], author=article.author)
    thread_of(article, 10)
    thread_of(long_article, 200)
    # Warm-up (site root, renditions), and both become re-reads: a first metered read
    # records a paywall event, which is not the thread's cost.
    client.get(article.url)
    client.get(long_article.url)
    short = queries_for(client, article.url)
    long = queries_for(client, long_article.url)
    assert long == short
    assert "200 kommentarer" in client.get(long_article.url).content.decode()


def test_cached_thread_needs_no_comment_query(client, article):
    thread_of(article, 20)
    client.get(article.url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.url)
    assert "20 kommentarer" in response.content.decode()
    assert not any('"comments_comment"' in q["sql"] for q in captured.captured_queries)


def test_long_thread_is_put_into_the_finished_page_whole(client, article):
    thread_of(article, 30)
    response = client.get(article.url)
    html = response.content.decode()
    assert "comments-thread:" not in html
    assert html.count('class="comment"') == 30
    assert html.index('id="kommentarer-rubrik"') < html.index('class="comment-thread"')
    assert html.index('class="comment-thread"') < html.index('id="kommentera"')
