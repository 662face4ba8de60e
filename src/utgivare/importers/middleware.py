"""WordPress's `/?p=123` addresses, answered with a 301 to the imported page.

Wagtail's own RedirectMiddleware answers only when a page is not found, and
`/?p=123` finds the home page. So a request for the site root with WordPress's
`p` (or `page_id`) in the query asks the redirects the importer stored; any
other query at the root goes to the home page as before.
"""

from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from utgivare.core.text_input import positive_id

WORDPRESS_KEYS = ("p", "page_id")
# The same for every reader: shared caches may keep the answer a day.
REDIRECT_MAX_AGE = 24 * 3600


class WordPressAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.GET:
            for key in WORDPRESS_KEYS:
                wp_id = positive_id(request.GET.get(key))
                target = wp_id and self.target(request, f"/?{key}={wp_id}")
                if target:
                    response = HttpResponsePermanentRedirect(target)
                    patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
                    return response
        return self.get_response(request)

    def target(self, request, old_address):
        site = Site.find_for_request(request)
        redirect = (
            Redirect.get_for_site(site)
            .filter(old_path=Redirect.normalise_path(old_address))
            .select_related("redirect_page")
            .first()
        )
        return redirect.link if redirect else None
