from django.urls import include, path

from . import views

# No app_name: allauth reverses its own URL names ("account_login") without a
# namespace, and its URLs are included here so they live under /konto/.
urlpatterns = [
    path("", views.overview, name="my_account"),
    path("profil/", views.profile, name="my_account_profile"),
    path("mina-uppgifter.json", views.export_data, name="my_account_export"),
    path("radera/", views.delete_account, name="my_account_delete"),
    path("", include("allauth.urls")),
]
