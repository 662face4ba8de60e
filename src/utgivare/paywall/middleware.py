from django.utils.cache import patch_vary_headers

from utgivare.core.caching import mark_personal

from . import meters
from .gate import STATE_ATTR


class PaywallMiddleware:
    """Writes what the gate decided into the response: the meter cookie, and Vary.

    Only responses that asked the gate are touched. A response that depends on
    the reader (meter banner, teaser because of the meter, logged-in reader) is
    marked personal; core.middleware.SharedCacheSafetyMiddleware then makes it
    (and any response that sets a cookie) `private`, so a shared cache never
    stores it or replays its Set-Cookie. All of them vary on Cookie, where the
    meter and the login live.
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
        if state.personalised:
            mark_personal(request, "paywall")
        return response
