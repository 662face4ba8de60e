from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "utgivare.demo"
    label = "demo"
