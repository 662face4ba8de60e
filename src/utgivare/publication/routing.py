"""Finding the page for a URL in two queries instead of two per level.

Wagtail's `Page.route` walks the tree one level at a time: for
/politiska-rapporter/en-artikel/ it loads the home page's specific row, then
each child by slug and then its specific row (five queries, each compiled by the
ORM). Every page's `url_path` already holds its parent's plus its slug, so all
pages on the way are one query (by `url_path`), and only the last one needs its
specific row. The rules stay Wagtail's: a page type with its own `route` (a
RoutablePageMixin blog) is handed the rest of the path, pages on the way need not
be live, the page itself must be, and anything unexpected (a tree whose stored
paths disagree) falls back to Wagtail's walk.
"""

import functools
import hashlib

from django.db.models import BooleanField, Exists, ExpressionWrapper, Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from utgivare.core import compiled_queries, content_version, menu

FALLBACK = None  # returned when Wagtail's own walk should decide


def _overrides_route(model) -> bool:
    return model.route is not Page.route


def _passes_through(model, page, remaining) -> bool:
    """Whether a RoutablePageMixin page (a blog) hands `remaining` on to its children
    as `Page.route` would: it is not live, or none of its own routes matches."""
    if model.route is not RoutablePageMixin.route or not remaining:
        return False
    if not page.live:
        return True
    try:
        model.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Http404:
        return True
    return False


# name -> function returning a query expression over the page (OuterRef("pk")): what
# higher apps want to know of a page they draw under it, asked in the page's own query.
_serve_annotations = {}


def register_serve_annotation(name, expression):
    """E.g. corrections: `has_corrections`, so that a piece without any asks no more.
    The answer is kept with the routed page, so it must change only with the content
    version (a change that alters it must bump the version)."""
    _serve_annotations[name] = expression


def load_for_serving(page, model, restriction_paths=None):
    """The specific page, with what its template reads (`serve_select_related`) joined in,
    the registered annotations, and whether any view restriction applies to it (when
    `restriction_paths` are known). Compiled once per page type (core.compiled_queries)."""
    related = tuple(getattr(model, "serve_select_related", ()))
    values = {"pk": page.pk}
    if restriction_paths is not None:
        values["paths"] = list(restriction_paths)
    shape = ("serve", model, related, tuple(_serve_annotations), len(restriction_paths or ()))
    found = compiled_queries.rows(
        shape, lambda **markers: _serving_queryset(model, related, **markers), **values
    )
    if not found:
        raise model.DoesNotExist  # gone since routing saw it, as `get()` would say
    (specific,) = found
    specific._cached_parent_obj = page._cached_parent_obj
    specific._restriction_paths = restriction_paths
    return specific


def _serving_queryset(model, related, pk, paths=None):
    annotations = {name: expression() for name, expression in _serve_annotations.items()}
    if paths is not None:
        # Whether any view restriction applies, asked in this query: a public page (almost
        # every one) then needs no query for them. Kept with the route, which a
        # restriction's save or deletion makes stale (it bumps the content version).
        annotations[_HAS_RESTRICTIONS] = Exists(
            PageViewRestriction.objects.filter(page__path__in=paths)
        )
    return model._default_manager.select_related(*related).annotate(**annotations).filter(pk=pk)


def _restriction_paths(root, pages):
    """The paths of the page and all its ancestors, whose view restrictions apply to it,
    when routing saw every one of them and none is an alias (Wagtail checks an
    alias's source instead): then `view_restrictions` needs no query for ancestors."""
    if root.depth > 2 or any(page.alias_of_id for page in [root, *pages]):
        return None  # pages above the site root unseen, or an alias on the way
    path = pages[-1].path
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


_HAS_RESTRICTIONS = "serve_has_view_restrictions"


def view_restrictions(page):
    """`Page.get_view_restrictions()` for a page routed here (the paths on its way are
    known): none without a query when its routing query found none, else one query;
    for any other page None (Wagtail's own, two queries)."""
    paths = getattr(page, "_restriction_paths", None)
    if paths is None:
        return None
    if not getattr(page, _HAS_RESTRICTIONS, True):
        return _no_restrictions()
    return PageViewRestriction.objects.filter(page__path__in=paths)


@functools.cache
def _no_restrictions():
    """An empty queryset of restrictions, evaluated once per process.

    Wagtail iterates a served page's restrictions on every request; a new `.none()`
    built and compiled an empty query each time (about 0.1 ms, a tenth of a logged-in
    reader's warm GET). An evaluated queryset iterates its kept (empty) result, and
    whatever is chained on it (`exists()`, `order_by()`) is still an empty queryset."""
    empty = PageViewRestriction.objects.none()
    list(empty)  # runs no query: .none() never reaches the database
    return empty


@functools.cache
def _page_columns() -> tuple[str, ...]:
    """Every column of a page row, in the order `Page.from_db` takes them."""
    return tuple(field.attname for field in Page._meta.concrete_fields)


def _pages_on_the_way(root, url_paths, with_menu):
    """Rows of the pages below `root` at `url_paths` (every column of a page), and when
    `with_menu` also of the menu's pages, each row ending with whether it is on the way
    and whether it is in the menu."""
    on_the_way_q = Q(url_path__in=url_paths, path__startswith=root.path, depth__gt=root.depth)
    if not with_menu:
        return Page.objects.filter(on_the_way_q).values_list(*_page_columns())
    in_menu_q = menu.condition(root)
    return (
        Page.objects.filter(on_the_way_q | in_menu_q)
        .annotate(
            serve_on_the_way=ExpressionWrapper(on_the_way_q, BooleanField()),
            serve_in_menu=ExpressionWrapper(in_menu_q, BooleanField()),
        )
        .values_list(*_page_columns(), "serve_on_the_way", "serve_in_menu")
    )


def _found_pages(request, root, rows, with_menu):
    """The pages on the way, made from their rows as the ORM makes them; the menu's
    entries handed to the menu as (url_path, title), with no page object: built for
    every entry, those were most of what a longer menu cost a cold drawing."""
    columns = _page_columns()
    if with_menu:
        url_path, title = columns.index("url_path"), columns.index("title")
        menu.found_with_route(
            request, root, [(row[url_path], row[title]) for row in rows if row[-1]]
        )
        rows = [row[:-2] for row in rows if row[-2]]
    database = Page.objects.db
    return [Page.from_db(database, columns, row) for row in rows]


def route_below(root, request, path_components):
    """A RouteResult for `path_components` under `root`, raising Http404 as Wagtail does,
    or FALLBACK when Wagtail's walk must decide."""
    prefixes = []
    url_path = root.url_path
    for component in path_components:
        url_path += f"{component}/"
        prefixes.append(url_path)
    with_menu = menu.wanted_with_route(request, root)
    # The statement depends on the root and the number of steps, not on the slugs
    # (core.compiled_queries): compiled once per site root and depth of address.
    shape = ("route", root.path, root.depth, len(prefixes), with_menu)
    rows = compiled_queries.rows(
        shape, lambda url_paths: _pages_on_the_way(root, url_paths, with_menu), url_paths=prefixes
    )
    # Drawn cold, the menu's entries came along (core.menu): one query fewer.
    found = {page.url_path: page for page in _found_pages(request, root, rows, with_menu)}
    parent = root
    on_the_way = []
    for depth, prefix in enumerate(prefixes, start=1):
        page = found.get(prefix)
        if page is None:
            raise Http404  # no child with this slug: Wagtail answers 404 here too
        model = page.specific_class
        if page.depth != root.depth + depth or not page.path.startswith(parent.path) or not model:
            return FALLBACK
        # The parent is known: `get_parent()` (a piece's section) costs no query.
        page._cached_parent_obj = parent
        on_the_way.append(page)
        remaining = path_components[depth:]
        if _overrides_route(model) and not _passes_through(model, page, remaining):
            return page.specific.route(request, remaining)
        if not remaining:
            if not page.live:
                raise Http404
            return RouteResult(load_for_serving(page, model, _restriction_paths(root, on_the_way)))
        parent = page
    return FALLBACK


_NOT_FOUND = "not-found"
_WAGTAIL_DECIDES = "fallback"
_ROUTES_ITSELF = "routes-itself"


def cached_route_below(root, request, path_components):
    """`route_below`, once per content version and address.

    What routing finds (the pages on the way, the page with its byline, picture and
    issue joined in) changes only by a publish, unpublish, save, move or deletion
    of a page, each of which bumps the content version. Compiling those two queries
    was most of the time of a page that is otherwise drawn from caches (a metered
    piece). Pages with routes of their own (a blog's archive) are routed anew.
    """
    address = "/".join(path_components)
    key = f"route:{root.pk}:{hashlib.sha256(address.encode()).hexdigest()}"

    routed_now = []

    def build():
        try:
            result = route_below(root, request, path_components)
        except Http404:
            return _NOT_FOUND
        if result is FALLBACK:
            return _WAGTAIL_DECIDES
        if _overrides_route(type(result.page)):
            routed_now.append(result)
            return _ROUTES_ITSELF  # routed by the page itself (view and arguments): not kept
        return result

    found = content_version.cached(request, key, build)
    if found == _ROUTES_ITSELF:
        return routed_now[0] if routed_now else route_below(root, request, path_components)
    if found == _NOT_FOUND:
        raise Http404
    if found == _WAGTAIL_DECIDES:
        return FALLBACK
    return found
