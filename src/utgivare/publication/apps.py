from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "utgivare.publication"
    label = "publication"
