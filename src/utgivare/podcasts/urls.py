from django.urls import path

from . import views

app_name = "podcasts"
urlpatterns = [
    path("privat/<str:token>/<slug:show_slug>/", views.private_feed, name="private_feed"),
    path("konto/nytt-flode/", views.regenerate, name="regenerate"),
    path("konto/stang-flode/", views.revoke, name="revoke"),
    path("kapitel/<int:episode_id>.json", views.chapters_json, name="chapters"),
    path("utskrift/<str:token>/", views.transcript, name="transcript"),
]
