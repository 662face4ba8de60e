"""Writers and editors create blogs and posts in the Wagtail admin."""

from tests.comments.factories import make_user

from .factories import BlogPostPageFactory


def test_editor_opens_the_forms_for_a_new_post_and_an_existing_one(client, blog):
    client.force_login(make_user(is_superuser=True))
    new = client.get(f"/admin/pages/add/blogs/blogpostpage/{blog.pk}/")
    assert new.status_code == 200
    html = new.content.decode()
    assert 'name="lead"' in html and 'id="body"' in html
    assert 'name="access_level"' in html and 'name="date"' in html
    post = BlogPostPageFactory(parent=blog)
    assert client.get(f"/admin/pages/{post.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{blog.pk}/edit/").status_code == 200


def test_posts_only_go_under_a_blog(blog):
    from utgivare.blogs.models import BlogPage, BlogPostPage

    assert BlogPostPage.allowed_parent_page_models() == [BlogPage]
    assert blog.specific_class.allowed_subpage_models() == [BlogPostPage]
