from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader


def health(request):
    """For the operator's load balancer: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})


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
