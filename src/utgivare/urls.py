from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from utgivare.api import urls as api_urls
from utgivare.core import views as core_views
from utgivare.feeds.sitemap import sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sprak/<str:language>/", core_views.choose_language, name="choose_language"),
    path("halsa/", core_views.health, name="health"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("", include("utgivare.core.urls")),
    path("konto/", include(api_urls.account_urlpatterns)),
    path("konto/", include("utgivare.accounts.urls")),
    path("prenumerera/", include("utgivare.subscriptions.urls")),
    path("kommentarer/", include("utgivare.comments.urls")),
    path("betalvagg/", include("utgivare.paywall.urls")),
    path("sok/", include("utgivare.search.urls")),
    path("flode/", include("utgivare.feeds.urls")),
    path("videofiler/", include("utgivare.webtv.urls")),
    path("mediafil/", include("utgivare.media.urls")),
    path("poddradio-floden/", include("utgivare.podcasts.urls")),
    path("api/", include(api_urls)),
    # Must match settings.TIPS_PATH_PREFIX (no cookie, no address kept there).
    path("rattelser/", include("utgivare.corrections.urls")),
    path("genmale/", include("utgivare.corrections.genmale_urls")),
    path("tipsa/", include("utgivare.tips.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # Local-disk media in the embedded setup; with S3 the storage serves files.
    from django.views.static import serve

    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

# Wagtail's page tree last: it answers every path the others do not.
urlpatterns += [path("", include(wagtail_urls))]

handler500 = "utgivare.core.views.server_error"
