from django.urls import path

from . import views

urlpatterns = [
    path("<str:token>/<path:name>", views.media, name="webtv_media"),
]
