from django.utils.cache import patch_cache_control, patch_vary_headers

from . import meters
from .gate import STATE_ATTR


class PaywallMiddleware:
    """Writes what the gate decided into the response: meter cookie and caching headers.

    Only responses that asked the gate are touched. A response that depends on
    the reader (meter banner, teaser because of the meter, logged-in reader) or
    that sets a cookie is `private`, so a shared cache (CDN, nginx, Django's
    cache middleware) never stores it or replays its Set-Cookie to someone
    else. All of them vary on Cookie, where the meter and the login live.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, STATE_ATTR, None)
        if state is None:
            return response
        if state.cookie is not None:
            meter_id, meter = state.cookie
            response.set_cookie(
                meters.COOKIE_NAME, meters.encode_cookie(meter_id, meter), **meters.cookie_kwargs()
            )
        patch_vary_headers(response, ("Cookie",))
        if state.personalised or response.cookies:
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response
