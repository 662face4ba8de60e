"""The meter's banner ("Du har 2 av 3 gratis artiklar kvar i december"), drawn once
for each thing it can say.

A metered page read from its shell (publication.pieces) is otherwise a handful of
joins, and drawing the banner's template was the largest of them. What the banner
says depends only on the reader's count, the limit and month, the language and
the site's paywall settings, so it is kept under those, with the content version
(core.content_version) that every change to the settings moves.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Site

from utgivare.core import content_version


def banner_html(request, access) -> str:
    """`paywall/banner.html` for this decision: empty of text when no banner is shown."""
    site = Site.find_for_request(request)
    key = ":".join(
        str(part)
        for part in (
            "paywall-banner",
            site.pk if site is not None else "-",
            get_language(),
            access.show_banner,
            access.free_left,
            access.limit,
            access.month,
        )
    )
    return content_version.cached(
        request,
        key,
        lambda: render_to_string("paywall/banner.html", {"access": access, "request": request}),
    )
