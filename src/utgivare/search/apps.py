from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "utgivare.search"
    label = "utgivare_search"
