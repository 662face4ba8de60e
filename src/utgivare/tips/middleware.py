"""On the tip inbox's addresses, the app never learns who is asking.

Before any other middleware, view, log call or error report sees the request,
the visitor's address, browser, cookies and where they came from are taken
out of it; on the way back every cookie is dropped. So a session, a CSRF
cookie, the paywall meter or a language choice cannot be set or read there,
and Django's error reports (which include the request's META) have nothing
to tell. The proxy's own access log must be turned off for these addresses
too (README, "Tipsa oss").
"""

from django.conf import settings

# What the tip pages need from the request's headers; every other header goes.
KEPT_HEADERS = {
    "HTTP_HOST",
    "HTTP_ORIGIN",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_ACCEPT",
    "HTTP_CONTENT_TYPE",
    "HTTP_CONTENT_LENGTH",
}

# No asset from anywhere else, no frames, forms post only here, no referrer outward.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'none'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def is_tip_path(path: str) -> bool:
    return path.startswith(settings.TIPS_PATH_PREFIX)


def forget_visitor(meta: dict) -> None:
    for key in list(meta):
        if key.startswith("REMOTE_") or (key.startswith("HTTP_") and key not in KEPT_HEADERS):
            del meta[key]


class ForgetTheVisitorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_tip_path(request.path_info):
            return self.get_response(request)
        forget_visitor(request.META)
        # Both are cached properties: set them before anything reads them.
        request.COOKIES = {}
        request.__dict__.pop("headers", None)
        response = self.get_response(request)
        response.cookies.clear()
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response
