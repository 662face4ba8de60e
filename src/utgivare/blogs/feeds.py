"""A blog's own feeds: RSS 2.0 at /bloggar/<blog>/flode/, Atom at /bloggar/<blog>/flode/atom/.

Written by publication.syndication like every other feed of the site: each
post carries what paywall.gate.public_blocks allows (the whole body of a free
post, the lead and the first paragraph of the others, with a link to read on).
Takes a BlogPage; imports no model, so blogs.models can import it.
"""

from django.http import HttpResponse

from utgivare.publication.syndication import FEED_ITEMS, RSS, FeedInfo, feed_response


def with_blog(posts, blog):
    """The posts of one blog, told their blog, so bylines cost no query per post."""
    for post in posts:
        post.__dict__["blog"] = blog  # BlogPostPage.blog is a cached_property
    return posts


def describe(blog, request, kind: str = RSS):
    blog_url = blog.get_full_url(request)
    subpage = "feed_atom" if kind != RSS else "feed"
    info = FeedInfo(
        title=blog.title,
        link=blog_url,
        description=blog.tagline or blog.title,
        author_name=blog.writer.title if blog.writer_id else None,
        feed_url=blog_url.rstrip("/") + "/" + blog.reverse_subpage(subpage),
    )
    return info, with_blog(list(blog.posts()[:FEED_ITEMS]), blog)


def feed_response_for(blog, request, kind: str = RSS) -> HttpResponse:
    return feed_response(request, f"blog:{blog.pk}", lambda: describe(blog, request, kind), kind)
