"""The main menu: the site root's live children marked "show in menus" that no view
restriction hides, in tree order, as [{"url", "title"}].

The same for every reader, so built once per content version (which every publish,
unpublish, move, deletion or restriction changes), site and language. Drawn cold,
the menu's pages come with the routing query of the page (publication.routing asks
`wanted_with_route`, adds `condition` and hands the rows to `found_with_route`), one
query fewer.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from . import content_version, page_urls

_FOUND_ATTR = "_utgivare_menu_pages"


def _key(site) -> str:
    return f"menu:{site.pk}:{get_language()}"


def items(request, site) -> list[dict]:
    def build():
        entries = getattr(request, _FOUND_ATTR, {}).get(site.root_page_id)
        if entries is None:
            root = site.root_page
            entries = (
                root.get_children()
                .live()
                .in_menu()
                .exclude(_private(root))
                .order_by("path")
                .values_list("url_path", "title")
            )
        return [
            {"url": page_urls.page_url(request, url_path), "title": title}
            for url_path, title in entries
        ]

    return content_version.cached(request, _key(site), build)


def _private(root):
    """What `.public()` leaves out of root's children (a restriction on the child, the
    root or above), in the menu's own query rather than a query of all restrictions."""
    steps = range(Page.steplen, len(root.path) + 1, Page.steplen)
    above = [root.path[:end] for end in steps]
    return Exists(
        PageViewRestriction.objects.filter(Q(page_id=OuterRef("pk")) | Q(page__path__in=above))
    )


def wanted_with_route(request, root) -> bool:
    """Whether the routing query below `root` should bring the menu's pages along: the
    menu of the request's site (whose root `root` is) is not kept yet."""
    site = Site.find_for_request(request)
    if site is None or site.root_page_id != root.pk:
        return False
    return not content_version.is_cached(request, _key(site))


def condition(root):
    """A condition over pages that picks this root's menu entries."""
    return Q(depth=root.depth + 1, path__startswith=root.path, live=True, show_in_menus=True) & ~Q(
        _private(root)
    )


def found_with_route(request, root, entries) -> None:
    """The menu's entries as (url_path, title), in tree order, found by the routing
    query: `items` uses them."""
    found = getattr(request, _FOUND_ATTR, None)
    if found is None:
        found = {}
        setattr(request, _FOUND_ATTR, found)
    found[root.pk] = entries
