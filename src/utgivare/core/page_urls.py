"""A page's address from its `url_path`, as `Page.get_url(request)` answers, with no
page object.

The menu is drawn from rows (core.menu): built into page objects only to ask each
its address, an entry cost about 55 µs of a cold drawing, against about 5 µs this
way, so a menu of 40 sections cost 2 ms more than one of 8. Wagtail's `get_url` of a
plain `Page` reads nothing of the page but its `url_path`: the rest is the sites'
root paths (kept on the request by core.content_version), the request's site and
two settings. This is that rule, step by step as Wagtail's `get_url_parts` and
`get_url` take it, with the address of the path kept per process
(`kept_url.kept_reverse`). With Wagtail's translations on, whose rule reads the
active language, Wagtail answers itself. `tests/core/test_page_urls.py` holds it to
Wagtail's answer over generated sites, paths and settings.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch
from wagtail.models import Page, Site
from wagtail.models import pages as wagtail_pages

from .kept_url import kept_reverse


def page_url(request, url_path: str) -> str | None:
    """`Page.get_url(request)` of the (plain) page at `url_path`; None when no site has
    it or it has no address."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return Page(url_path=url_path).get_url(request)
    root_paths = _site_root_paths(request)
    possible = [found for found in root_paths if url_path.startswith(found.root_path)]
    if not possible:
        return None
    # Wagtail's root paths come most specific first; a page under two sites' roots
    # takes the request's site when that is one of them.
    site_id, root_path, root_url, _language = possible[0]
    current = Site.find_for_request(request)
    if len({found.site_id for found in possible}) > 1 and isinstance(request, HttpRequest):
        for found in possible:
            if current and found.site_id == current.pk:
                site_id, root_path, root_url, _language = found
                break
    try:
        path = kept_reverse("wagtail_serve", (url_path[len(root_path) :],))
    except NoReverseMatch:
        return None
    # Read where Wagtail reads it (from settings, once, at its import).
    if not wagtail_pages.WAGTAIL_APPEND_SLASH and path != "/":
        path = path.rstrip("/")
    one_site = len({found.site_id for found in root_paths}) == 1
    if (current is not None and site_id == current.id) or one_site:
        return path
    return root_url + path


def _site_root_paths(request):
    """The sites' root paths, kept on the request as Wagtail keeps them."""
    try:
        return request._wagtail_cached_site_root_paths
    except AttributeError:
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
        return request._wagtail_cached_site_root_paths
