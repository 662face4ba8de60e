from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from utgivare.core import content_version

register = template.Library()


def menu_items(request, site) -> list[dict]:
    """Top-level pages marked "show in menus", in tree order: [{"url", "title"}].

    The same for every reader, so built once per content version (which every
    publish, unpublish, move or deletion changes), site and language.
    """

    def build():
        pages = site.root_page.get_children().live().public().in_menu().order_by("path")
        return [{"url": page.get_url(request), "title": page.title} for page in pages]

    return content_version.cached(request, f"menu:{site.pk}:{get_language()}", build)


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
