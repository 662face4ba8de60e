from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from utgivare.core import menu, renditions, shell_parts

register = template.Library()


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
            for item in menu.items(request, site)
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
    `{% rendition %}` and `{% picture_of %}` tags after it ask for (each argument as
    they spell it, e.g. "format-{webp,jpeg} width-{360,720,1200}"), and keep them on
    the image, so those tags read no cache and run no query (each would otherwise run
    its own query on a cold cache). Wagtail's own `{% image %}` and `{% picture %}`
    get them as prefetched renditions. A rendition asked for but not listed here is
    still found or made by its tag."""
    if image:
        renditions.fetch(image, renditions.expanded(spec_patterns))
    return ""


@register.simple_tag
def rendition(image, spec):
    """Wagtail's `{% image image <spec> as name %}` (use it with `as`), found among the
    renditions `fetch_renditions` fetched."""
    return renditions.drawn(image, (spec,))[spec] if image else None


@register.simple_tag
def picture_of(image, spec_pattern, **attrs):
    """Wagtail's `{% picture image <spec_pattern> attr=value … %}`, drawn from the
    renditions `fetch_renditions` fetched (core.renditions.picture_html). The same
    HTML: tests/core/test_renditions.py compares the two."""
    return renditions.picture_html(image, spec_pattern, attrs) if image else ""


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
