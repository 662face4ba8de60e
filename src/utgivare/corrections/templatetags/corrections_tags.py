"""`{% load corrections_tags %}`: the dated notice at the top of a corrected piece
(`{% correction_notice page %}`) and the full corrections at its end
(`{% corrections_section page %}`)."""

from django import template

from ..published import for_page

register = template.Library()


@register.inclusion_tag("corrections/notice.html")
def correction_notice(page):
    corrections = for_page(page) if page is not None and page.pk else ()
    return {"latest": corrections[0] if corrections else None, "count": len(corrections)}


@register.inclusion_tag("corrections/section.html")
def corrections_section(page):
    return {"corrections": for_page(page) if page is not None and page.pk else ()}
