from django.urls import path

from . import account_views, views
from .http import guarded

urlpatterns = [
    # Before ninja's own root, which answers Django's HTML 404.
    path("", guarded(views.index), name="api_index"),
    path("", views.api.urls),
    # Anything else under /api/ answers JSON, not the site's HTML 404 page.
    path("<path:rest>", guarded(views.not_found), name="api_not_found"),
]

# Under /konto/: a reader's own API key ("Mitt konto").
account_urlpatterns = [
    path("api-nyckel/", account_views.api_key, name="my_account_api_key"),
]
