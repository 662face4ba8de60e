"""A URLconf for tests/core/test_kept_url.py: the imprint at another address, an
address that carries the language (i18n_patterns), and one app mounted twice (its
address depends on the current namespace)."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path


def view(request):
    return HttpResponse()


shelf = ([path("", view, name="index")], "hylla")

urlpatterns = [
    path("annat-impressum/", view, name="imprint"),
    path("a/", include(shelf, namespace="hylla-a")),
    path("b/", include(shelf, namespace="hylla-b")),
    *i18n_patterns(path("om-oss/", view, name="about"), prefix_default_language=True),
]
