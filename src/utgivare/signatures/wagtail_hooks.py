from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from utgivare.core.page_buttons import register_page_buttons
from utgivare.publication.models import AuthorPage

from . import admin_views

admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("<int:author_id>/", admin_views.detail, name="detail"),
        path("<int:author_id>/las/", admin_views.read, name="read"),
        path("<int:author_id>/radera/", admin_views.remove, name="remove"),
    ],
    "signatures_admin",
)


@hooks.register("register_admin_urls")
def register_signature_urls():
    return [path("signaturer/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_signatures_menu_item():
    return MenuItem(
        gettext_lazy("Signaturer"),
        reverse("signatures_admin:index"),
        name="signatures",
        icon_name="user",
        order=265,
    )


def _signature_button(page, user, priority):
    # Only author pages are asked for the flag: no query for any other page.
    if page.specific_class is not AuthorPage or not page.specific_deferred.is_signature:
        return
    yield Button(
        _("Signatur"),
        url=reverse("signatures_admin:detail", args=[page.pk]),
        icon_name="lock",
        priority=priority,
    )


register_page_buttons(_signature_button, header_priority=67, listing_priority=56)
