"""Pages are found by their address exactly as Wagtail's own tree walk finds them
(publication.routing does it in two queries instead of two per level)."""

from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory, IssuePageFactory


def wagtail_walk(home, path_components):
    """What Wagtail's own Page.route answers for the path, or None for a 404."""
    request = RequestFactory().get("/")
    try:
        page, args, kwargs = Page.route(home, request, path_components)
    except Http404:
        return None
    return page.pk, [getattr(arg, "__name__", arg) for arg in args], kwargs


def ours(home, path_components):
    request = RequestFactory().get("/")
    try:
        page, args, kwargs = home.route(request, path_components)
    except Http404:
        return None
    return page.pk, [getattr(arg, "__name__", arg) for arg in args], kwargs


def blog_in(tree):
    writer = AuthorPageFactory(parent=tree["authors"])
    index = BlogIndexPageFactory(parent=tree["home"])
    return BlogPageFactory(parent=index, slug="karin", writer=writer)


def test_every_address_finds_the_page_wagtail_would(tree, article):
    IssuePageFactory(parent=tree["issues"])
    blog = blog_in(tree)
    BlogPostPageFactory(parent=blog, slug="ett-inlagg")
    BlogPostPageFactory(parent=blog, slug="arkiv")  # shadowed by the blog's own route
    home = tree["home"]
    addresses = [page.url.strip("/").split("/") for page in Page.objects.filter(depth__gt=2)]
    addresses += [
        ["bloggar", "karin", "arkiv"],
        ["bloggar", "karin", "arkiv", "2026", "11"],
        ["bloggar", "karin", "flode"],
        ["bloggar", "karin", "finns-inte"],
        ["finns-inte"],
        [tree["sections"][0].slug, "finns-inte"],
    ]
    for components in addresses:
        assert ours(home, components) == wagtail_walk(home, components), components


def test_live_article_under_an_unpublished_section_is_served_as_wagtail_does(client, tree):
    article = ArticlePageFactory(parent=tree["sections"][0], access_level="free")
    url = article.url
    tree["sections"][0].unpublish()
    assert client.get(url).status_code == 200


def test_unpublished_blog_post_is_not_found(client, tree):
    post = BlogPostPageFactory(parent=blog_in(tree))
    url = post.url
    post.unpublish()
    assert client.get(url).status_code == 404
