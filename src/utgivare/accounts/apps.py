from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "utgivare.accounts"
    label = "accounts"
