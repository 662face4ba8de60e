"""What every API answer goes through: the caller, the rate limit, caching, ETag.

`guarded` wraps each operation (NinjaAPI.add_decorator), around ninja's own
input validation, so refused and invalid requests are counted and answered
the same way as good ones.

Caching: an anonymous answer is the same for every anonymous caller and
touches no session, so it is `public` for a short while; an answer to a key
holder depends on their subscription and is marked personal (`private`,
core.caching). Every answer varies on Authorization, so a shared cache never
hands the anonymous teaser to a key holder or the reverse. Each 200 carries
an ETag of its body; `If-None-Match` with it answers 304 without the body.
"""

import hashlib
import json
import time
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _

from utgivare.core import caching
from utgivare.core.ip_hashing import client_ip
from utgivare.paywall import gate

from . import limits, readers

CALLER_ATTR = "api_caller"
# For JSON answers: nothing in them is ever run or framed.
JSON_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def error(status: int, code: str, detail: str, **headers) -> HttpResponse:
    """A JSON error answer: {"detail": "…", "code": "…"}; never kept by any cache."""
    response = HttpResponse(
        json.dumps({"detail": detail, "code": code}, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "no-store"
    return response


def caller(request) -> readers.Caller:
    return getattr(request, CALLER_ATTR, readers.ANONYMOUS)


def guarded(run):
    @wraps(run)
    def answer(request, *args, **kwargs):
        now = gate.now()
        try:
            who = readers.caller_for(request.headers.get("Authorization", ""), now)
        except readers.BadKey:
            who = None
        decision = limits.hit(
            limits.caller_identity(who.token_id if who else None, client_ip(request)),
            limits.rate_for(who.token_id if who else None),
            time.time(),
        )
        if not decision.allowed:
            response = error(
                429,
                "rate_limited",
                _("För många anrop. Försök igen om %(seconds)s sekunder.")
                % {"seconds": decision.retry_after},
                Retry_After=str(decision.retry_after),
            )
        elif who is None:
            response = error(
                401,
                "bad_key",
                _("API-nyckeln är ogiltig eller återkallad. Skapa en ny under Mitt konto."),
                WWW_Authenticate='Bearer realm="api"',
            )
        else:
            setattr(request, CALLER_ATTR, who)
            response = run(request, *args, **kwargs)
            response = finish(request, response, who)
        return headers_for_every_answer(response)

    return answer


def finish(request, response, who: readers.Caller):
    if who.authenticated:
        caching.mark_personal(request, "api_key")
    if response.status_code != 200:
        response["Cache-Control"] = "no-store"
        return response
    if not who.authenticated:
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response) or response


def headers_for_every_answer(response):
    patch_vary_headers(response, ("Authorization",))
    response.headers.setdefault("Content-Security-Policy", JSON_POLICY)
    return response
