from django.urls import path

from . import views

urlpatterns = [
    path("<int:page_id>/<str:token>/<path:name>", views.media, name="webtv_media"),
]
