from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def podcast_admin_urls():
    return [
        path("poddradio/floden/", admin_views.private_feeds, name="podcasts_admin_feeds"),
        path(
            "poddradio/floden/<int:feed_id>/<str:action>/",
            admin_views.feed_action,
            name="podcasts_admin_feed_action",
        ),
        path("poddradio/nedladdningar/", admin_views.downloads, name="podcasts_admin_downloads"),
    ]


@hooks.register("register_admin_menu_item")
def podcast_feeds_menu_item():
    return MenuItem(
        _("Privata poddflöden"), reverse("podcasts_admin_feeds"), icon_name="link", order=262
    )


@hooks.register("register_admin_menu_item")
def podcast_downloads_menu_item():
    return MenuItem(
        _("Poddnedladdningar"), reverse("podcasts_admin_downloads"), icon_name="media", order=261
    )
