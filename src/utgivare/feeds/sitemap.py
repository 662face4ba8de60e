"""/sitemap.xml: every live, public page of the site (Wagtail's sitemap), with a
`lastmod` a search engine can trust.

A piece's `lastmod` is its last publication (Wagtail's `last_published_at`: set
when an editor publishes a revision, not when the page is moved or its row is
saved by other work). A page that lists pieces changes when one of them does,
so a section, a blog, a writer's page and an issue take the newest of their own
publication and that of the pieces they list. Those newest dates are read in
one grouped query per kind of list, however many pages there are.
"""

from django.db.models import F, Max
from django.db.models.functions import Substr
from django.utils.cache import patch_cache_control
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from utgivare.blogs.models import BlogPostPage
from utgivare.publication.models import ArticlePage, AuthorPage, IssuePage, IssuePlacement

# Shared caches may keep the sitemap this long: it holds nothing personal.
SITEMAP_MAX_AGE = 600


def newest_child_by_parent_path(model) -> dict[str, object]:
    """{parent's path: newest last_published_at of its live, public children of `model`}."""
    rows = (
        model.objects.live()
        .public()
        .annotate(parent_path=Substr("path", 1, (F("depth") - 1) * model.steplen))
        .values("parent_path")
        .annotate(newest=Max("last_published_at"))
    )
    return {row["parent_path"]: row["newest"] for row in rows}


def newest_article_by(field: str) -> dict[int, object]:
    rows = (
        ArticlePage.objects.live()
        .public()
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(newest=Max("last_published_at"))
    )
    return {row[field]: row["newest"] for row in rows}


class PublicationSitemap(Sitemap):
    def _newest_listed(self):
        if not hasattr(self, "_newest"):
            by_parent = newest_child_by_parent_path(ArticlePage)
            by_parent.update(newest_child_by_parent_path(BlogPostPage))
            issues = (
                IssuePlacement.objects.filter(article__live=True)
                .values("issue_id")
                .annotate(newest=Max("article__last_published_at"))
            )
            self._newest = {
                "parent": by_parent,
                "author": newest_article_by("author_id"),
                "issue": {row["issue_id"]: row["newest"] for row in issues},
            }
        return self._newest

    def lastmod(self, obj):
        own = super().lastmod(obj)
        newest = self._newest_listed()
        if isinstance(obj, AuthorPage):
            listed = newest["author"].get(obj.pk)
        elif isinstance(obj, IssuePage):
            listed = newest["issue"].get(obj.pk)
        else:
            listed = newest["parent"].get(obj.path)
        return max(date for date in (own, listed) if date is not None) if own or listed else None

    def _urls(self, page, protocol, domain):
        # Wagtail asks each page's get_sitemap_urls, which gives its own date only.
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                url_info["lastmod"] = self.lastmod(item)
                urls.append(url_info)
                last_mods.add(url_info["lastmod"])
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request):
    response = wagtail_sitemap_views.sitemap(request, {"wagtail": PublicationSitemap(request)})
    patch_cache_control(response, public=True, max_age=SITEMAP_MAX_AGE)
    return response
