from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "utgivare.feeds"
    label = "utgivare_feeds"
