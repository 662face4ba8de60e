"""The read API: /api/ (django-ninja). Read-only, JSON, described at /api/openapi.json.

Pieces (articles, blog posts; episodes and videos in listening.py) are served by
pieces.add_piece_endpoints; issues, authors and sections (and listening's shows and
series) by pages.add_page_endpoints. Every operation goes through http.guarded
(caller, rate limit, caching, ETag).
"""

import json

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Schema
from ninja.errors import HttpError
from ninja.renderers import JSONRenderer
from pydantic import Field
from wagtail.rich_text import expand_db_html

from utgivare.blogs.models import BlogPage, BlogPostPage, with_blogs
from utgivare.publication.models import (
    ArticlePage,
    AuthorPage,
    IssuePage,
    SectionPage,
    with_parents,
)

from . import docs, http, listening, schemas
from .listing import MAX_ID, SLUG
from .pages import PageKind, add_page_endpoints
from .pieces import (
    PieceFilters,
    PieceKind,
    add_piece_endpoints,
    below,
    link,
    summary,
)

DESCRIPTION = """
The publication's issues, articles, blog posts, podcast episodes and shows, videos
and video series, authors and sections, read-only.

**Bodies and the paywall.** Without a key you get every piece's lead and, for
metered and subscribers-only pieces, the teaser (first paragraph) as
`body_html`; `access.full_text` says which. With the API key of a subscriber
(made under *Mitt konto*, sent as `Authorization: Bearer utg_…`) you get the
full body of what the subscription covers. The API never uses a metered free
read. The same decision gives an episode's transcript and a video's chapters, and
the address of an episode's audio or a video's files: a free piece carries its
public address, a key whose subscription covers the piece gets an address for its
account, and anyone else gets none.

**Pages.** Lists take `page` (from 1) and `page_size` (1–100) and answer
`count`, `pages`, `next` and `previous`.

**Caching.** Every 200 has an `ETag`; send it back as `If-None-Match` and an
unchanged answer is `304 Not Modified`. Anonymous answers are `public` for a
minute; answers to a key are `private`.

**Limits.** Requests are counted per key, or per address without one; over the
limit the answer is `429` with `Retry-After` (seconds).

**Errors** are JSON: `{"detail": "…", "code": "…"}` (400, 401, 404, 429), or for
parameters that do not fit, `422` with a list of what was wrong.
"""


class Utf8JSONRenderer(JSONRenderer):
    # Swedish text as itself ("ä", not "\u00e4"): readable and shorter.
    json_dumps_params = {"ensure_ascii": False}


class ReadAPI(NinjaAPI):
    """The description changes only with the code: built once per process, not per request
    (building it takes several times as long as answering a list)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        key = (path_prefix, tuple(sorted((path_params or {}).items())))
        built = self.__dict__.setdefault("_built_schemas", {})
        if key not in built:
            built[key] = super().get_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
        return built[key]


api = ReadAPI(
    renderer=Utf8JSONRenderer(),
    title="Utgivare read API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=docs.SelfHostedSwagger(),
    docs_url="/docs/",
    docs_decorator=docs.docs_headers,
    openapi_extra={
        "components": {
            "securitySchemes": {
                "ApiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A subscriber's API key from Mitt konto (utg_…).",
                }
            }
        },
        # The key is optional: without it, answers are those for anonymous readers.
        "security": [{}, {"ApiKey": []}],
    },
)
api.add_decorator(http.guarded, mode="view")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return http.error(exc.status_code, "bad_request", str(exc))


@api.exception_handler(Http404)
def not_found_error(request, exc):
    return http.error(404, "not_found", _("Det finns inget sådant här."))


# --- Pieces ----------------------------------------------------------------------------


class ArticleFilters(PieceFilters):
    section: str | None = Field(
        None, max_length=255, pattern=SLUG, description="The section's slug."
    )
    issue: int | None = Field(None, ge=1, le=MAX_ID, description="The issue's number.")


def filter_articles(queryset, filters, reading):
    if filters.section:
        queryset = below(queryset, SectionPage.objects.filter(slug=filters.section))
    if filters.issue:
        queryset = queryset.filter(issue_placement__issue__number=filters.issue)
    return queryset


def article_fields(article, reading):
    issue = article.issue
    return {
        "section": link(article.get_parent(), reading),
        "issue": {
            "id": issue.pk,
            "number": issue.number,
            "title": issue.title,
            "url": reading.url(issue),
        }
        if issue
        else None,
    }


ARTICLES = PieceKind(
    name="article",
    path="articles",
    tag="Articles",
    model=ArticlePage,
    summary_schema=schemas.ArticleSummary,
    detail_schema=schemas.ArticleDetail,
    filters_schema=ArticleFilters,
    select_related=("author", "issue_placement__issue"),
    filter_own=filter_articles,
    prepare=lambda articles, reading: with_parents(articles),
    own_fields=article_fields,
    description="Filters combine: section, issue, author, access, since, until.",
)


class BlogPostFilters(PieceFilters):
    blog: str | None = Field(None, max_length=255, pattern=SLUG, description="The blog's slug.")


def filter_blog_posts(queryset, filters, reading):
    if filters.blog:
        queryset = below(queryset, BlogPage.objects.filter(slug=filters.blog))
    return queryset


BLOG_POSTS = PieceKind(
    name="blog_post",
    path="blog-posts",
    tag="Blog posts",
    model=BlogPostPage,
    summary_schema=schemas.BlogPostSummary,
    detail_schema=schemas.BlogPostDetail,
    filters_schema=BlogPostFilters,
    date_field="date",
    by_author=lambda posts, slug: below(posts, BlogPage.objects.filter(writer__slug=slug)),
    filter_own=filter_blog_posts,
    prepare=lambda posts, reading: with_blogs(posts),  # the byline is the blog's writer
    own_fields=lambda post, reading: {"blog": link(post.blog, reading)},
    description="Filters combine: blog, author (the blog's writer), access, since, until.",
)

router = Router()
for kind in (ARTICLES, BLOG_POSTS, listening.EPISODES, listening.VIDEOS):
    add_piece_endpoints(router, kind)


# --- Issues ------------------------------------------------------------------------------


class IssueFilters(Schema):
    year: int | None = Field(None, ge=1, le=9999, description="Issues published that year.")


def issue_fields(issue, reading) -> dict:
    return {
        "id": issue.pk,
        "number": issue.number,
        "title": issue.title,
        "publication_date": issue.publication_date,
        "summary": issue.summary,
        "url": reading.url(issue),
    }


def issue_articles(issue, reading) -> dict:
    """The issue's table of contents, in its order."""
    articles = list(
        ARTICLES.model.objects.live()
        .public()
        .filter(issue_placement__issue=issue)
        .select_related(*ARTICLES.select_related)
        .defer("body")
        .order_by("issue_placement__sort_order")
    )
    ARTICLES.prepare(articles, reading)
    return {"articles": [summary(article, ARTICLES, reading) for article in articles]}


ISSUES = PageKind(
    name="issue",
    path="issues",
    tag="Issues",
    model=IssuePage,
    schema=schemas.Issue,
    fields=issue_fields,
    order=("-number",),
    list_summary="List issues, newest first",
    detail_summary="One issue by its number, with its table of contents",
    filters_schema=IssueFilters,
    filter=lambda issues, filters: (
        issues.filter(publication_date__year=filters.year) if filters.year else issues
    ),
    key="number",
    detail_schema=schemas.IssueDetail,
    detail_fields=issue_articles,
)


# --- Authors and sections ---------------------------------------------------------------


def author_fields(author, reading) -> dict:
    return {
        "id": author.pk,
        "name": author.title,
        "slug": author.slug,
        "role": author.role,
        # The editors' rich text, expanded as the author page shows it.
        "bio_html": expand_db_html(author.bio),
        "public_email": author.public_email,
        "url": reading.url(author),
    }


AUTHORS = PageKind(
    name="author",
    path="authors",
    tag="Authors",
    model=AuthorPage,
    schema=schemas.Author,
    fields=author_fields,
    order=("title", "pk"),
    list_summary="List authors by name",
    detail_summary="One author (their pieces: /api/articles/?author=slug)",
)


def section_fields(section, reading) -> dict:
    return {
        "id": section.pk,
        "title": section.title,
        "slug": section.slug,
        "intro": section.intro,
        "url": reading.url(section),
    }


SECTIONS = PageKind(
    name="section",
    path="sections",
    tag="Sections",
    model=SectionPage,
    schema=schemas.Section,
    fields=section_fields,
    order=("path",),
    list_summary="List sections in menu order",
    detail_summary="One section (its articles: /api/articles/?section=slug)",
)

# In the order the description has always listed them.
for kind in (listening.SHOWS, listening.SERIES, ISSUES, AUTHORS, SECTIONS):
    add_page_endpoints(router, kind)
api.add_router("/", router)


def index(request):
    """/api/: where the description, the docs and each list are."""
    links = {
        "openapi": reverse("api:openapi-json"),
        "docs": reverse("api:openapi-view"),
        **{
            name: reverse(f"api:api_{name}_list")
            for name in (
                "issue",
                "article",
                "blog_post",
                "podcast_episode",
                "podcast_show",
                "video",
                "video_series",
                "author",
                "section",
            )
        },
    }
    body = {name: request.build_absolute_uri(url) for name, url in links.items()}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )


def not_found(request, rest):
    """JSON 404; an address that only lacks its final slash is sent to the one with it."""
    if not rest.endswith("/"):
        try:
            resolve(request.path_info + "/")
        except Resolver404:
            pass
        else:
            return HttpResponsePermanentRedirect(
                request.get_full_path().replace(request.path, request.path + "/", 1)
            )
    return http.error(404, "not_found", _("Det finns inget sådant här."))
