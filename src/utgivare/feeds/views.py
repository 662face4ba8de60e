"""The site's feeds, each in RSS 2.0 and Atom (publication.syndication writes them):

    /flode/                        the whole site: articles and blog posts together
    /flode/sektion/<slug>/         one section's articles
    /flode/skribent/<slug>/        one writer's articles and blog posts
    /flode/nummer/<number>/        one issue's articles, in the editor's order
    .../atom/                      the same as Atom

A blog's own feeds are the blog's routes (/bloggar/<blog>/flode/, blogs.feeds).
A feed is the same for every reader, so it never asks about the reader: each
item carries what paywall.gate.public_blocks allows.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from utgivare.blogs.models import BlogPage, BlogPostPage, with_blogs
from utgivare.core import content_version
from utgivare.core.models import ImprintSettings
from utgivare.publication.models import ArticlePage, AuthorPage, IssuePage, SectionPage
from utgivare.publication.syndication import (
    FEED_ITEMS,
    FeedInfo,
    feed_response,
    newest_first,
)


def site_root(request):
    site = content_version.site_for_request(request)
    if site is None:
        raise Http404
    return site.root_page


def newest_articles(articles):
    articles = articles.live().public().select_related("author")
    return list(articles.order_by("-first_published_at", "-pk")[:FEED_ITEMS])


def newest_posts(posts):
    return with_blogs(list(posts.live().public().order_by("-date", "-pk")[:FEED_ITEMS]))


def info(request, *, title, page, description=""):
    return FeedInfo(
        title=title,
        link=page.get_full_url(request),
        description=description or title,
        feed_url=request.build_absolute_uri(),
    )


def site_feed(request, kind):
    def describe():
        root = site_root(request)
        imprint = ImprintSettings.for_request(request)
        pieces = newest_first(
            newest_articles(ArticlePage.objects.descendant_of(root)),
            newest_posts(BlogPostPage.objects.descendant_of(root)),
        )
        name = imprint.publication_name
        return info(request, title=name, page=root, description=imprint.tagline or name), pieces

    return feed_response(request, "site", describe, kind)


def one_page(model, root, **lookup):
    page = model.objects.live().public().descendant_of(root).filter(**lookup).first()
    if page is None:
        raise Http404
    return page


def section_feed(request, slug, kind):
    def describe():
        root = site_root(request)
        section = one_page(SectionPage, root, slug=slug)
        imprint = ImprintSettings.for_request(request)
        title = f"{section.title} – {imprint.publication_name}"
        pieces = newest_articles(ArticlePage.objects.child_of(section))
        return info(request, title=title, page=section, description=section.intro), pieces

    return feed_response(request, f"section:{slug}", describe, kind)


def author_feed(request, slug, kind):
    def describe():
        root = site_root(request)
        author = one_page(AuthorPage, root, slug=slug)
        imprint = ImprintSettings.for_request(request)
        blogs = BlogPage.objects.live().descendant_of(root).filter(writer=author)
        posts = BlogPostPage.objects.none()
        for blog in blogs:
            posts = posts | BlogPostPage.objects.child_of(blog)
        pieces = newest_first(
            newest_articles(ArticlePage.objects.descendant_of(root).filter(author=author)),
            newest_posts(posts),
        )
        title = f"{author.title} – {imprint.publication_name}"
        return info(request, title=title, page=author, description=author.role), pieces

    return feed_response(request, f"author:{slug}", describe, kind)


def issue_feed(request, number, kind):
    def describe():
        root = site_root(request)
        issue = one_page(IssuePage, root, number=number)
        imprint = ImprintSettings.for_request(request)
        title = _("Nummer %(number)s") % {"number": issue.number}
        title = f"{title} – {imprint.publication_name}"
        pieces = issue.table_of_contents()[:FEED_ITEMS]
        visible = public_ids(pieces)
        pieces = [article for article in pieces if article.pk in visible]
        return info(request, title=title, page=issue, description=issue.summary), pieces

    return feed_response(request, f"issue:{number}", describe, kind)


def public_ids(articles):
    """The ids of those articles no view restriction hides."""
    return set(
        ArticlePage.objects.public()
        .filter(pk__in=[article.pk for article in articles])
        .values_list("pk", flat=True)
    )
