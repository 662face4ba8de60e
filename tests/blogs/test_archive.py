import datetime as dt

from .factories import BlogPostPageFactory, dated


def test_archive_by_month_lists_only_that_months_posts(client, blog):
    BlogPostPageFactory(parent=blog, title="Oktoberinlägget", date=dated(dt.date(2026, 10, 14)))
    BlogPostPageFactory(parent=blog, title="Novemberinlägget", date=dated(dt.date(2026, 11, 3)))
    html = client.get(blog.url + "arkiv/2026/11/").content.decode()
    assert "Novemberinlägget" in html
    assert "Oktoberinlägget" not in html
    assert "november 2026" in html


def test_archive_overview_counts_posts_per_month(client, blog):
    for day in (2, 9, 16):
        BlogPostPageFactory(parent=blog, date=dated(dt.date(2026, 10, day)))
    BlogPostPageFactory(parent=blog, date=dated(dt.date(2026, 11, 3)))
    html = client.get(blog.url + "arkiv/").content.decode()
    assert "oktober 2026" in html and "3 inlägg" in html
    assert "november 2026" in html and "1 inlägg" in html


def test_month_boundary_follows_stockholm_time(client, blog):
    # 23.30 UTC on 31 October is 00.30 on 1 November in Stockholm.
    late = dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC)
    BlogPostPageFactory(parent=blog, title="Midnattsinlägget", date=late)
    assert "Midnattsinlägget" in client.get(blog.url + "arkiv/2026/11/").content.decode()
    assert client.get(blog.url + "arkiv/2026/10/").status_code == 404


def test_empty_or_impossible_month_is_not_found(client, blog):
    assert client.get(blog.url + "arkiv/2026/13/").status_code == 404
    assert client.get(blog.url + "arkiv/2019/01/").status_code == 404
