from django.urls import path

from . import views

app_name = "tips"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("las/", views.come_back, name="come_back"),
]
