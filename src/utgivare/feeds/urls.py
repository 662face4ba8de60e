from django.urls import path

from . import views

app_name = "feeds"
urlpatterns = [
    path("", views.latest_articles, name="rss"),
    path("atom/", views.latest_articles_atom, name="atom"),
]
