from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Site

from utgivare.core import health as health_checks
from utgivare.core import privacy as privacy_page


def health(request):
    """For the operator's load balancer and monitoring: each dependency and its state.

    503 only when readers cannot be served, which is when the database is
    gone; a missing cache, task queue or storage degrades the site and is
    named here with 200 (see "When a dependency fails" in docs/ARCHITECTURE.md).
    """
    report = health_checks.report()
    status = 200 if health_checks.serves_readers(report) else 503
    response = JsonResponse(report, status=status)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    # Rendered without context processors: the fault may be in the database
    # they read from.
    template = loader.get_template("500.html")
    return HttpResponse(template.render(), status=500)


def imprint(request):
    # The imprint itself comes from ImprintSettings via the settings context processor.
    return render(request, "core/imprint.html")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /kommentarer/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def choose_language(request, language):
    """Remember the reader's interface language in a cookie and go back.

    A GET link rather than Django's POST set_language: it needs no CSRF token,
    so the footer does not make every page uncacheable. Changing someone's
    language from another site is harmless.
    """
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in {code for code, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    response["Cache-Control"] = "no-store"
    return response


def privacy(request):
    site = Site.find_for_request(request)
    return render(
        request,
        "core/privacy.html",
        {
            "cookies": privacy_page.cookies(),
            "facts": privacy_page.facts(site),
        },
    )
