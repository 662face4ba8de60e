from django.urls import path

from . import views

app_name = "genmale"

urlpatterns = [path("<int:page_id>/", views.genmale, name="request")]
