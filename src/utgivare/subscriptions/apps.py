from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "utgivare.subscriptions"
    label = "subscriptions"
