import contextlib
import logging

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError, InterfaceError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from wagtail.views import serve as wagtail_serve

from utgivare.core.text_input import first_refused_input, has_forbidden_characters

from . import caching, content_version, reader_cache

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turn a database outage into a clear 503 page that asks the reader to retry.

    Nothing is half-written: every view that changes data runs in a
    transaction, so a failure here means nothing was stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (DatabaseError, InterfaceError)):
            return None
        logger.exception("Database error while serving %s", request.path)
        response = TemplateResponse(request, "core/database_unavailable.html", status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response.render()


class RefuseControlCharactersMiddleware:
    """An address (path or query string) with a control character answers 400.

    Nothing a reader types into a search box or follows as a link carries
    one, and NUL reaching PostgreSQL is a database error (the search page
    answered 503). So the whole request is refused before any view, session or
    database sees it. Cookies are the exception: a stray cookie set by another
    program must not lock a reader out of every page, so one with a control
    character is treated as absent.
    """

    # Headers our own code acts on (comments take the reader's address from it).
    HEADERS_USED = ("X-Forwarded-For",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = first_refused_input(
            path=request.path_info,
            query=_pairs(request.GET),
            headers=[(name, request.headers.get(name, "")) for name in self.HEADERS_USED],
        )
        if refused:
            logger.info("Refused a request with a control character in its %s", refused)
            if request.path_info.startswith(tuple(settings.JSON_PATH_PREFIXES)):
                # Programs reading a JSON API get the refusal in JSON, as its other errors.
                response = JsonResponse(
                    {
                        "detail": gettext(
                            "Adressen innehåller ett kontrolltecken eller annat tecken som "
                            "inte kan användas."
                        ),
                        "code": "control_character",
                    },
                    status=400,
                )
                response["Cache-Control"] = "no-store"
                return response
            response = TemplateResponse(request, "400.html", status=400)
            response["Cache-Control"] = "no-store"
            return response.render()
        for name in [n for n, v in request.COOKIES.items() if has_forbidden_characters(n + v)]:
            del request.COOKIES[name]
        return self.get_response(request)


def _pairs(querydict):
    return [(key, value) for key, values in querydict.lists() for value in values]


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that failing to save the session cannot undo an answered request.

    The session is saved after the view has done its work. When the database
    fails just then, the view's write (a comment, say) is already committed:
    a 500 or a "nothing was stored" page would make the reader send it again.
    So the response goes out as the view made it, without a session cookie;
    what is lost is the session's change (a login must be repeated, the note
    about one's own pending comment is not shown).
    """

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except (DatabaseError, InterfaceError):
            logger.warning(
                "Could not save the session while answering %s", request.path, exc_info=True
            )
            response["Cache-Control"] = "no-store"
            return response


class ReaderAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with the user row (and the reader's other kept
    rows: subscriptions, meter) read by core.reader_cache, checked as Django checks it."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _reader(request))


def _reader(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = reader_cache.get_user(request)
        # Once loaded, the user itself: every later `request.user.…` of the request (a
        # logged-in page asks some 45) would otherwise go through the lazy wrapper.
        # Whoever took the wrapper before still gets the same user through it.
        request.user = request._cached_user
    return request._cached_user


class ChosenLanguageMiddleware:
    """Swedish unless the reader chose another language with the footer switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language, which
    would put English dates and buttons around Swedish articles for many
    readers. The publication is Swedish first, so only an explicit choice (the
    language cookie set by /sprak/) changes the interface language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class SharedCacheSafetyMiddleware:
    """Outermost: decides from what the response did who may keep it (core.caching).

    Placed first in MIDDLEWARE so every cookie (session, CSRF, messages,
    meter, language) and every header is already on the response. Anything it
    reads here (the session, the user) is read after SessionMiddleware has
    written its headers, so asking changes nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        decision = caching.decide(response_facts(request, response))
        caching.apply(decision, response)
        return response


def response_facts(request, response) -> caching.ResponseFacts:
    # Without a session cookie the session is empty: whatever a page read from
    # it is the same for every reader who has none (and nobody is logged in).
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    session = getattr(request, "session", None)
    read_session = bool(has_session and session is not None and session.accessed)
    user = getattr(request, "user", None)
    authenticated = bool(has_session and user is not None and user.is_authenticated)
    return caching.ResponseFacts(
        sets_cookie=bool(response.cookies),
        authenticated=authenticated,
        read_session=read_session,
        # get_token() sets this whenever a template or view asks for the token.
        used_csrf_token=bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
        showed_messages=_showed_messages(request),
        marked_personal=caching.marked_personal(request),
        declared=caching.declared_scope(response),
        chose_language=settings.LANGUAGE_COOKIE_NAME in request.COOKIES,
    )


def _showed_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and storage.used and len(storage))


class CachedSiteMiddleware:
    """Wagtail pages find their site (and its root page) in the cache.

    Wagtail looks the site up with a query on every page view, and routing then
    loads the root page's own row. Both change only with a content version
    (core.content_version), so a page view reads them from the cache. Only
    Wagtail's page view pays for it: other views never ask for the site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or hasattr(request, "_wagtail_site"):
            return None
        # On a database fault the page view meets the same fault and answers 503.
        with contextlib.suppress(DatabaseError, InterfaceError):
            site = content_version.site_for_request(request)
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            if site is not None and not any(path.split("/")):
                # The root page itself is asked for: its own fields, which the kept
                # site leaves deferred (one query, as Wagtail's `specific`).
                root = site.root_page
                site.root_page = type(root)._default_manager.get(pk=root.pk)
            request._wagtail_site = site
        return None
