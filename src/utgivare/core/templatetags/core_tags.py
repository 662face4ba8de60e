from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("core/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Top-level pages marked "show in menus", in tree order, marking the current one."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current_path = getattr(request, "path", "")
    items = []
    if site:
        pages = site.root_page.get_children().live().public().in_menu().order_by("path")
        for page in pages:
            url = page.get_url(request)
            items.append(
                {
                    "url": url,
                    "title": page.title,
                    "current": bool(url) and current_path.startswith(url),
                }
            )
    return {"items": items}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL for Open Graph and JSON-LD; already-absolute (S3) URLs pass through."""
    if not url:
        return ""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url
