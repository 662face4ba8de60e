from django.urls import path

from . import views

app_name = "media"
urlpatterns = [path("<str:token>/<str:name>", views.fetch, name="fetch")]
