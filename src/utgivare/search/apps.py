from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "utgivare.search"
    label = "utgivare_search"

    def ready(self):
        from . import indexing

        indexing.connect_signals()
