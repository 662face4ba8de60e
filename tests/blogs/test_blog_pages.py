import datetime as dt

from .factories import BlogPostPageFactory, dated, post_body


def test_post_shows_blog_introduction_and_tagline_above_the_post(client, blog):
    post = BlogPostPageFactory(parent=blog, title="Hamnaffären, del ett")
    html = client.get(post.url).content.decode()
    assert "Jag bloggar om hur makten i Norrvik används" in html
    assert "Försvara yttrande- och tryckfriheten" in html
    assert html.index("Jag bloggar om") < html.index("Hamnaffären, del ett</h1>")
    assert "Karin Lund" in html


def test_post_is_shown_in_parts_with_subheadings_and_quotes(client, blog):
    post = BlogPostPageFactory(
        parent=blog, body=post_body(("Del ett", "Om beslutet."), ("Del två", "Om protokollet."))
    )
    html = client.get(post.url).content.decode()
    assert "Del ett</h2>" in html and "Del två</h2>" in html
    assert "Ärendet är brådskande." in html
    assert post.lead in html


def test_post_shows_its_comment_count(client, blog):
    post = BlogPostPageFactory(parent=blog)
    html = client.get(post.url).content.decode()
    assert "0 kommentarer" in html
    assert "Lämna ett svar" in html


def test_blog_page_lists_newest_post_first(client, blog):
    BlogPostPageFactory(parent=blog, title="Äldre inlägget", date=dated(dt.date(2026, 10, 2)))
    BlogPostPageFactory(parent=blog, title="Nyare inlägget", date=dated(dt.date(2026, 11, 20)))
    html = client.get(blog.url).content.decode()
    assert html.index("Nyare inlägget") < html.index("Äldre inlägget")


def test_blog_index_lists_blogs_with_their_writers(client, blog):
    BlogPostPageFactory(parent=blog, title="Senaste om hamnen")
    html = client.get(blog.get_parent().url).content.decode()
    assert "Karins blogg" in html
    assert "Karin Lund" in html
    assert "Senaste om hamnen" in html


def test_post_author_is_the_blog_writer(blog, writer):
    post = BlogPostPageFactory(parent=blog)
    assert post.author_id == writer.pk
    assert post.author.title == "Karin Lund"
