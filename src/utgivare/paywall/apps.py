from django.apps import AppConfig


class PaywallConfig(AppConfig):
    name = "utgivare.paywall"
    label = "paywall"
