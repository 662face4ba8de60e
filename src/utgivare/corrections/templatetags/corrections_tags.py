"""`{% load corrections_tags %}`: the dated notice at the top of a corrected piece
(`{% correction_notice page %}`) and the full corrections at its end
(`{% corrections_section page %}`)."""

from django import template

from .. import replies
from ..published import for_page

register = template.Library()


@register.inclusion_tag("corrections/notice.html")
def correction_notice(page):
    corrections = for_page(page) if page is not None and page.pk else ()
    return {"latest": corrections[0] if corrections else None, "count": len(corrections)}


@register.inclusion_tag("corrections/section.html")
def corrections_section(page):
    return {"corrections": for_page(page) if page is not None and page.pk else ()}


@register.inclusion_tag("corrections/replies.html", takes_context=True)
def genmale_links(context, page):
    """Under a piece: "Begär genmäle", and the genmälen published in reply (or, on a
    genmäle, the piece it answers). Cached per content version: publishing or
    unpublishing a genmäle is a page publication, which moves the version."""
    from utgivare.core import content_version

    request = context.get("request")
    if page is None or not page.pk or request is None:
        return {}

    def build():
        original = replies.original_of(page)
        return {
            "replies": [
                (r.name, r.reply_page.get_url(request)) for r in replies.published_replies_to(page)
            ],
            "answers": (original.page.title, original.page.get_url(request)) if original else None,
        }

    if not getattr(page, "has_reply_requests", True):
        return {"replies": [], "answers": None, "page": page}  # known with the routed page
    found = content_version.cached(request, f"genmale:{page.pk}", build)
    return {**found, "page": page}
