from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "utgivare.comments"
    label = "comments"
