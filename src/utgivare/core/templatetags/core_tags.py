from django import template
from django.db.models import Exists, OuterRef, Q
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.images.models import Filter
from wagtail.models import Page, PageViewRestriction, Site

from utgivare.core import content_version, shell_parts

register = template.Library()


def menu_items(request, site) -> list[dict]:
    """Top-level pages marked "show in menus", in tree order: [{"url", "title"}].

    The same for every reader, so built once per content version (which every
    publish, unpublish, move or deletion changes), site and language.
    """

    def build():
        root = site.root_page
        pages = root.get_children().live().in_menu().exclude(_private(root)).order_by("path")
        return [{"url": page.get_url(request), "title": page.title} for page in pages]

    return content_version.cached(request, f"menu:{site.pk}:{get_language()}", build)


def _private(root):
    """What `.public()` leaves out of root's children (a restriction on the child, the
    root or above), in the menu's own query rather than a query of all restrictions."""
    steps = range(Page.steplen, len(root.path) + 1, Page.steplen)
    above = [root.path[:end] for end in steps]
    return Exists(
        PageViewRestriction.objects.filter(Q(page_id=OuterRef("pk")) | Q(page__path__in=above))
    )


@register.inclusion_tag("core/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The main menu, marking the current section."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current_path = getattr(request, "path", "")
    items = []
    if site:
        items = [
            {**item, "current": bool(item["url"]) and current_path.startswith(item["url"])}
            for item in menu_items(request, site)
        ]
    return {"items": items}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL for Open Graph and JSON-LD; already-absolute (S3) URLs pass through."""
    if not url:
        return ""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag
def fetch_renditions(image, *spec_patterns):
    """Output nothing; fetch, in one query or one cache read, the renditions that the
    `{% image %}` and `{% picture %}` tags after it ask for (each argument as those
    tags spell it, e.g. "format-{webp,jpeg} width-{360,720,1200}"), and hand them to
    the image as prefetched, so those tags read no cache and run no query (each
    would otherwise run its own query on a cold cache). A rendition asked for but
    not listed here is still found or made by its tag."""
    if image:
        specs = [spec for pattern in spec_patterns for spec in Filter.expand_spec(pattern)]
        image.prefetched_renditions = list(image.get_renditions(*specs).values())
    return ""


@register.simple_tag(takes_context=True)
def account_nav(context):
    """The header's account links. In a shell drawn for logged-in readers they are the
    same for every reader but the logout form's CSRF token, which is a slot."""
    request = context.get("request")
    if request is None:
        return ""
    if shell_parts.drawing(request) and request.user.is_authenticated:
        token = shell_parts.slot(request, "csrf")
        return mark_safe(shell_parts.account_nav(request, csrf_token=token))  # noqa: S308 - our own template
    return mark_safe(shell_parts.account_nav(request))  # noqa: S308 - our own template
