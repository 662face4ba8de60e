"""The browsable docs at /api/docs/: Swagger UI from the site's own static files.

django-ninja ships Swagger UI and starts it from a static script with its
settings in a JSON data block, so the page needs no CDN and no inline script:
it works under `script-src 'self'`. It is given its own strict policy here.
"""

from functools import wraps

from ninja.openapi.docs import Swagger

DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


class SelfHostedSwagger(Swagger):
    """Swagger UI without "try it out" cross-origin calls or its own validator service."""

    def __init__(self):
        # validatorUrl None: Swagger UI would otherwise send the description to a
        # third-party validator and show its badge.
        super().__init__(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0})


def docs_headers(view):
    """The docs and the description are the same for everyone: public, and strict CSP."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        response["Content-Security-Policy"] = DOCS_POLICY
        return response

    return answer
