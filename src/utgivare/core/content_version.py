"""The content version: one cheap read per request that validates every cached
part drawn around a page's content (the main menu, site settings).

Invalidation by a version number read from the database, not by deleting keys:
with the default local-memory cache each app process has its own cache, and a
signal handler runs in only one of them. A bumped number makes every process
ask for new keys; the old entries expire on their own.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import compiled_queries, process_copies

REQUEST_ATTRIBUTE = "_utgivare_content_version"
CACHE_SECONDS = 24 * 3600
# `read(request, content_table) -> version or None`: reads the content version with
# something else the request needs, in one statement (registered, core imports no app
# and this module none of its neighbours that import it).
_read_alongside = None


def read_alongside(read) -> None:
    global _read_alongside
    _read_alongside = read


def current(request=None) -> int:
    """The version now, read once per request (a plain cursor: no ORM compile per request)."""
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    if request is not None and _read_alongside is not None:
        # What else this request will ask, in the same statement (a logged-in
        # reader's versions: core.reader_cache); None when nothing.
        version = _read_alongside(request, table())
        if version is not None:
            remember(request, version)
            return version
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table()} WHERE id = 1")  # noqa: S608 - our table
        row = cursor.fetchone()
    version = row[0] if row else 0
    if request is not None:
        remember(request, version)
    return version


def remember(request, version: int) -> None:
    """The version this request uses, read along with something else (core.page_cache)."""
    setattr(request, REQUEST_ATTRIBUTE, version)


@functools.cache
def table() -> str:
    return connection.ops.quote_name(_model()._meta.db_table)


def site_for_request(request):
    """What `Site.find_for_request` answers, with the root page's own row, once per
    content version, host and port.

    Drawn cold, one query of every site (there are few) answers three questions
    that otherwise cost a query each: which site (Wagtail's rule, `_best_site`),
    the site root paths every page URL is made from (Wagtail's
    `Site.get_site_root_paths`, also kept on the request for `page.get_url`), and
    the rows of the site settings the pages read (`CachedSiteSetting`, joined in).
    The chosen site's root page comes along (its `wagtailcore_page` row), made its own
    type with that type's fields deferred.
    """
    host = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def build():
        # The root page's columns that the match and the root paths need, not its row:
        # the chosen site's root is then loaded once, as its specific type.
        # Compiled once per process (compiled_queries): its compiling cost more than the
        # rest of the lookup.
        sites = compiled_queries.rows(("sites-with-roots-and-settings",), _sites_queryset)
        site = _best_site(sites, host, port)
        if site is not None:
            # Its own type without a query: routing needs only the page's own columns
            # (joined in above); its type's fields load when read (the home page's
            # route loads them all when the home page itself is asked for).
            site.root_page = site.root_page.specific_deferred
        root_paths = _root_paths(sites)
        if root_paths is not None:
            # What Wagtail itself keeps for `page.full_url` and URLs built without a request.
            cache.set(
                SITE_ROOT_PATHS_CACHE_KEY, root_paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION
            )
        return (site or False, root_paths)

    site, root_paths = cached(request, f"site-and-roots:{host}:{port}", build)
    if root_paths is not None:
        request._wagtail_cached_site_root_paths = root_paths
    return site or None


def _sites_queryset():
    return (
        Site.objects.select_related("root_page", *_setting_joins())
        .annotate(
            root_url_path=F("root_page__url_path"),
            root_language=F("root_page__locale__language_code"),
        )
        .order_by("-root_url_path", "-is_default_site", "hostname")
    )


def _best_site(sites, hostname, port):
    """`wagtail.models.sites.get_site_for_hostname` over rows already loaded."""
    port = str(port)

    def rank(site):
        if site.hostname == hostname and str(site.port) == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    found = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=rank)
    if not found:
        return None
    if len(found) == 1 or rank(found[0]) in (0, 1):
        return found[0]
    if rank(found[0]) == 2:
        return found[len(found) == 2]
    return None


def _root_paths(sites):
    """`Site.get_site_root_paths()` from the same rows (None: let Wagtail build them,
    as it does with translations of the root page)."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    return [
        SiteRootPath(site.id, site.root_url_path, site.root_url, site.root_language)
        for site in sites
    ]


@functools.cache
def _setting_joins():
    """The reverse one-to-one names from Site to every CachedSiteSetting."""
    return tuple(
        model._meta.get_field("site").remote_field.get_accessor_name()
        for model in apps.get_models()
        if issubclass(model, CachedSiteSetting)
    )


def _model():
    # By name: core.models mixes in CachedSiteSetting from here.
    return apps.get_model("core", "ContentVersion")


def bump(**kwargs) -> None:
    """A new version, committed with the change that caused it."""
    ContentVersion = _model()
    with transaction.atomic():
        if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
            ContentVersion.objects.get_or_create(pk=1, defaults={"version": 2})


def _versioned(request, key: str) -> str:
    return f"utgivare:v{current(request)}:{key}"


def is_cached(request, key: str) -> bool:
    """Whether `cached(request, key, ...)` would answer from the cache now."""
    return process_copies.get(_versioned(request, key)) is not None


def cached(request, key: str, build):
    """`build()` once per content version (and key), from the cache after that (from
    this process's copy when the cache is Redis: the key names the version)."""
    versioned = _versioned(request, key)
    value = process_copies.get(versioned)
    if value is None:
        value = build()
        process_copies.set(versioned, value, CACHE_SECONDS)
    return value


# Saved or deleted, any of these may change the menu, the routes or the settings
# every page shows (a page's save covers a title or "show in menus" changed in code).
# An image: cached routes carry the page's picture (routing.serve_select_related).
_WATCHED = (Page, PageViewRestriction, Site, BaseSiteSetting, AbstractImage)


def _bump_for(sender, instance=None, created=False, **kwargs):
    # A site setting's row is made with its defaults on first use (`for_site`), by
    # a page view: nothing cached could have read it before, so that needs no bump.
    # Nor has anything read a new image.
    if created and isinstance(instance, (BaseSiteSetting, AbstractImage)):
        return
    if isinstance(instance, _WATCHED):
        bump()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(bump, dispatch_uid=f"content-version-{signal!r}")
    post_save.connect(_bump_for, dispatch_uid="content-version-save")
    post_delete.connect(_bump_for, dispatch_uid="content-version-delete")


class CachedSiteSetting:
    """Mix into a `BaseSiteSetting` (before it): `for_request` reads the row once per
    content version and site instead of once per request. Saving a setting bumps
    the version; `for_site` (the admin's edit form, tasks) still reads the row."""

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = _joined_setting(cls, site)
        if instance is None:
            key = f"setting:{cls._meta.label_lower}:{site.pk}"
            instance = cached(request, key, lambda: cls.for_site(site))
        instance._request = request  # as Wagtail does, for page URLs in settings
        setattr(request, attr_name, instance)
        return instance


def _joined_setting(model, site):
    """The setting's row as `site_for_request` joined it in, or None (not joined, or
    no row yet: `for_site` makes it)."""
    accessor = model._meta.get_field("site").remote_field.get_accessor_name()
    return site._state.fields_cache.get(accessor)
