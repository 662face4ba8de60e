"""Whole responses for anonymous readers, kept and replayed by the app itself.

A response that core.caching found the same for every reader (public: no
cookie set, nothing personal, a 200 to a GET) is stored in the app's cache
(local memory or Redis) under the host, path, sorted query, language and
method, together with the *tags* of what it shows and their versions:

- `page:<id>` for a Wagtail page (set by `depends_on` from the page view),
- `site` for what every page draws (menu, site settings, addresses),
- `content` for everything else (search, feeds, sitemaps: they list any page).

A change bumps the versions of exactly the tags it touches (`bump`, in the same
transaction as the change): a piece published, unpublished, edited, deleted or
given a newly approved comment bumps its own page and the pages that list it
(`piece_changed`: its section, home, issue, author page, blog), plus `content`;
a change to anything else a page draws bumps `site`. A replayed entry is one
whose tags still have the versions it was stored with.

Versions live in the database (core.CacheTag), not the cache, because with the
local-memory cache each process has its own cache and a signal runs in one of
them. Each process remembers the versions it read for `MEMO_SECONDS`, so a
replay costs no query at all; another process sees a change within that time.
The process that made the change forgets its memo at once.

Storing is guarded against a change landing while a page is drawn: `content`
(which every bump moves) is read before drawing and again after; a page drawn
across a change is not kept.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, connection, transaction
from django.http import HttpResponse

TAGS_ATTR = "_utgivare_page_cache_tags"
SITE = "site"
CONTENT = "content"
# A request carrying one of these may see something of its own (a login, a flash message).
_PERSONAL_COOKIES = ("messages",)
HEADER = "X-App-Cache"
# How long one process trusts the versions it read; publishing shows within this time.
MEMO_SECONDS = 1.0
# Headers the server or the proxy sets itself.
_NOT_STORED_HEADERS = {"set-cookie", "date", "connection", "transfer-encoding"}

_memo: dict[str, tuple[int, float]] = {}
# Addresses answered per reader to readers without a session (a metered piece): key ->
# the tag versions it was so answered at. While they hold, a request there neither
# looks for a stored page nor reads `content` to store one (per process; see below).
_per_reader: dict[str, dict[str, int]] = {}
_PER_READER_MAX = 5000
PER_READER_ATTR = "_utgivare_page_cache_per_reader"


def enabled() -> bool:
    return seconds() > 0


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def page_tag(page_id) -> str:
    return f"page:{page_id}"


def drawn_per_reader(request) -> None:
    """Say that this address is answered per reader to every reader without a session
    (a metered or paid piece: the meter decides), until one of its tags changes."""
    setattr(request, PER_READER_ATTR, True)


def depends_on(request, *tags: str) -> None:
    """Say that this request's response shows what these tags stand for."""
    found = getattr(request, TAGS_ATTR, None)
    if found is None:
        found = set()
        setattr(request, TAGS_ATTR, found)
    found.update(tags)


# --- Versions -----------------------------------------------------------------------


def _table():
    from .models import CacheTag  # noqa: PLC0415 - models import this module's neighbours

    return connection.ops.quote_name(CacheTag._meta.db_table)


def read_versions(names, *, fresh=False) -> dict[str, int]:
    """The current version of each tag (0 for one never bumped)."""
    now = time.monotonic()
    result, wanted = {}, []
    for name in names:
        memo = _memo.get(name)
        if not fresh and memo is not None and now - memo[1] < MEMO_SECONDS:
            result[name] = memo[0]
        else:
            wanted.append(name)
    if wanted:
        placeholders = ", ".join(["%s"] * len(wanted))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT name, version FROM {_table()} WHERE name IN ({placeholders})",  # noqa: S608 - our table, placeholders
                wanted,
            )
            found = dict(cursor.fetchall())
        for name in wanted:
            result[name] = found.get(name, 0)
            _memo[name] = (result[name], now)
    return result


def _content_before_drawing(request) -> int:
    """`content` read fresh, with the content version (core.content_version) in the
    same query: a page drawn without the cache asks both."""
    from . import content_version  # noqa: PLC0415 - it imports wagtail's models

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 0, version FROM {_table()} WHERE name = %s "  # noqa: S608 - our tables
            f"UNION ALL SELECT 1, version FROM {content_version.table()} WHERE id = 1",
            [CONTENT],
        )
        found = dict(cursor.fetchall())
    content_version.remember(request, found.get(1, 0))
    version = found.get(0, 0)
    _memo[CONTENT] = (version, time.monotonic())
    return version


def bump(*names: str) -> None:
    """New versions for these tags (and `content`), in the caller's transaction."""
    if not enabled():
        return  # nothing is kept, so nothing can be stale (PAGE_CACHE_SECONDS=0)
    bump_alone(*names, CONTENT)


def bump_alone(*names: str) -> None:
    """New versions for exactly these tags, in the caller's transaction (not `content`:
    for what no whole page shows, such as a reader's own rows, core.reader_cache)."""
    names = sorted(set(names))
    table = _table()
    with transaction.atomic(), connection.cursor() as cursor:
        for name in names:
            # One statement on PostgreSQL and SQLite alike; never a lost update.
            cursor.execute(
                f"INSERT INTO {table} (name, version) VALUES (%s, 1) "  # noqa: S608 - our table
                f"ON CONFLICT (name) DO UPDATE SET version = {table}.version + 1",
                [name],
            )
    for name in names:
        _memo.pop(name, None)
    # This process may read again before the transaction ends (tests, on_commit).
    transaction.on_commit(lambda: [_memo.pop(name, None) for name in names])


def piece_changed(page) -> None:
    """A piece (or its comments) changed: its page and the pages that list it."""
    shown_on = getattr(page, "shown_on_pages", None)
    if shown_on is None:
        bump(SITE)
        return
    bump(page_tag(page.pk), *(page_tag(pk) for pk in shown_on() if pk))


def page_id_changed(page_id) -> None:
    """As `piece_changed`, given only the page's id (comments know no page type)."""
    from wagtail.models import Page  # noqa: PLC0415 - only when something changed

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        bump(SITE)
    else:
        piece_changed(page.specific)


# --- The key and the entry ----------------------------------------------------------


def language_of(request) -> str:
    """The language ChosenLanguageMiddleware will choose (only the reader's cookie counts)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return (
        chosen if chosen in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE
    )


def may_replay_to(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    return not any(name in cookies for name in _PERSONAL_COOKIES)


def key_for(request) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    host = request.get_host()
    address = f"{host}:{language_of(request)}:{request.path}?{query}"
    # Hashed: an address may hold spaces or any character a cache key must not.
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"utgivare:page:{request.method}:{digest}"


def may_store(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if getattr(response, "streaming", False) or response.cookies:
        return False
    directives = {
        part.strip().split("=", 1)[0].lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return "public" in directives and not {"private", "no-store", "no-cache"} & directives


def _entry(response, tags, versions) -> dict:
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in _NOT_STORED_HEADERS
    ]
    return {"headers": headers, "content": response.content, "versions": versions}


def _replay(entry, method) -> HttpResponse:
    response = HttpResponse(entry["content"] if method != "HEAD" else b"")
    for name, value in entry["headers"]:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Outermost: replays a stored public response before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not may_replay_to(request):
            return self.get_response(request)
        key = key_for(request)
        if request.method == "HEAD":
            key = key.replace(":HEAD:", ":GET:", 1)
        try:
            per_reader = _per_reader.get(key)
            if per_reader is not None and read_versions(per_reader) == per_reader:
                response = self.get_response(request)
                response.setdefault(HEADER, "miss")
                return response
            entry = cache.get(key)
            if entry is not None:
                stored = entry["versions"]
                if read_versions(stored) == stored:
                    return _replay(entry, request.method)
            before = _content_before_drawing(request)
        except (DatabaseError, InterfaceError):
            # Nothing known about versions: draw the page (which meets the fault itself).
            return self.get_response(request)
        response = self.get_response(request)
        if may_store(request, response):
            self._store(request, response, key, before)
        elif getattr(request, PER_READER_ATTR, False) and response.status_code == 200:
            self._remember_per_reader(request, key)
        response.setdefault(HEADER, "miss")
        return response

    def _remember_per_reader(self, request, key):
        # Only ever skips storing: a stale entry costs a lookup, never a wrong page.
        tags = {*(getattr(request, TAGS_ATTR, None) or ()), SITE}
        try:
            versions = read_versions(sorted(tags))
        except (DatabaseError, InterfaceError):
            return
        if len(_per_reader) >= _PER_READER_MAX:
            _per_reader.clear()
        _per_reader[key] = versions

    def _store(self, request, response, key, before):
        tags = getattr(request, TAGS_ATTR, None) or {CONTENT}
        tags = {*tags, SITE}
        try:
            versions = read_versions(sorted(tags | {CONTENT}), fresh=True)
        except (DatabaseError, InterfaceError):
            return
        if versions[CONTENT] != before:
            return  # something changed while the page was drawn
        if CONTENT not in tags:
            del versions[CONTENT]
        cache.set(key, _entry(response, tags, versions), seconds())


# --- What changes which tags --------------------------------------------------------


def _previous_pages(sender, instance=None, raw=False, **kwargs):
    """Before a piece is saved: the pages that list it now (an author changed leaves one)."""
    if raw or instance is None or instance.pk is None:
        return
    if getattr(instance, "shown_on_pages", None) is None:
        return
    stored = type(instance).objects.filter(pk=instance.pk).first()
    if stored is not None:
        instance._page_cache_previous = stored.shown_on_pages()


def _page_changed(page) -> None:
    specific = getattr(page, "specific_deferred", page)
    if getattr(specific, "shown_on_pages", None) is None or page.show_in_menus:
        # Not a piece (a section, the home page, an author: their names are on
        # many pages) or in the main menu, which every page draws.
        bump(SITE)
        return
    previous = getattr(page, "_page_cache_previous", None) or []
    bump(page_tag(page.pk), *(page_tag(pk) for pk in {*specific.shown_on_pages(), *previous} if pk))


def _on_publish_or_save(sender, instance=None, raw=False, **kwargs):
    if not raw and instance is not None:
        _page_changed(instance)


def _on_site_change(sender, instance=None, created=False, **kwargs):
    from wagtail.contrib.settings.models import BaseSiteSetting  # noqa: PLC0415

    if created and isinstance(instance, BaseSiteSetting):
        return  # made with its defaults on first use: nothing cached read it before
    bump(SITE)


def connect_signals():
    from django.db.models.signals import post_delete, post_save, pre_save  # noqa: PLC0415
    from wagtail.contrib.settings.models import BaseSiteSetting  # noqa: PLC0415
    from wagtail.images.models import AbstractImage  # noqa: PLC0415
    from wagtail.models import Page, PageViewRestriction, Site  # noqa: PLC0415
    from wagtail.signals import (  # noqa: PLC0415
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    def any_page(sender):
        return issubclass(sender, Page)

    def saved(sender, instance=None, **kwargs):
        if any_page(sender):
            _on_publish_or_save(sender, instance=instance, **kwargs)
        elif isinstance(instance, (PageViewRestriction, Site, BaseSiteSetting)):
            _on_site_change(sender, instance=instance, **kwargs)
        elif isinstance(instance, AbstractImage) and not kwargs.get("created"):
            # A new file, focal point or title: any page may show the picture (cards,
            # heroes, bodies), and no cheap lookup says which. A new image is on no page.
            bump(SITE)

    def before_save(sender, **kwargs):
        if any_page(sender):
            _previous_pages(sender, **kwargs)

    def deleted(sender, instance=None, **kwargs):
        if isinstance(instance, (Page, PageViewRestriction, Site, BaseSiteSetting, AbstractImage)):
            bump(SITE)

    def published(sender, instance=None, **kwargs):
        _on_publish_or_save(sender, instance=instance)

    def moved(**kwargs):
        bump(SITE)  # every address under it changed

    page_published.connect(published, dispatch_uid="page-cache-published", weak=False)
    page_unpublished.connect(published, dispatch_uid="page-cache-unpublished", weak=False)
    post_page_move.connect(moved, dispatch_uid="page-cache-moved", weak=False)
    page_slug_changed.connect(moved, dispatch_uid="page-cache-slug", weak=False)
    pre_save.connect(before_save, dispatch_uid="page-cache-pre-save", weak=False)
    post_save.connect(saved, dispatch_uid="page-cache-save", weak=False)
    post_delete.connect(deleted, dispatch_uid="page-cache-delete", weak=False)
