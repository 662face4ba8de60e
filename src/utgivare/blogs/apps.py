from django.apps import AppConfig


class BlogsConfig(AppConfig):
    name = "utgivare.blogs"
    label = "blogs"
