from django.urls import path

from utgivare.publication.syndication import ATOM, RSS

from . import views

app_name = "feeds"
urlpatterns = [
    path("", views.site_feed, {"kind": RSS}, name="rss"),
    path("atom/", views.site_feed, {"kind": ATOM}, name="atom"),
    path("sektion/<slug:slug>/", views.section_feed, {"kind": RSS}, name="section_rss"),
    path("sektion/<slug:slug>/atom/", views.section_feed, {"kind": ATOM}, name="section_atom"),
    path("skribent/<slug:slug>/", views.author_feed, {"kind": RSS}, name="author_rss"),
    path("skribent/<slug:slug>/atom/", views.author_feed, {"kind": ATOM}, name="author_atom"),
    path("nummer/<int:number>/", views.issue_feed, {"kind": RSS}, name="issue_rss"),
    path("nummer/<int:number>/atom/", views.issue_feed, {"kind": ATOM}, name="issue_atom"),
]
