from django.urls import path

from . import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("bestall/", views.order, name="order"),
    path("kassa/<int:plan_id>/", views.checkout, name="checkout"),
    path("klar/", views.checkout_return, name="checkout_return"),
    path("hantera/", views.manage, name="manage"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
