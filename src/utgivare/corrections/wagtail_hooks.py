from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from utgivare.core.page_buttons import register_page_buttons
from utgivare.publication.pieces import ReadablePiece

from . import admin_views


class CorrectionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("corrections.add_correction")


@hooks.register("register_admin_menu_item")
def register_corrections_menu_item():
    return CorrectionsMenuItem(
        gettext_lazy("Rättelser"),
        reverse("corrections_admin:index"),
        name="corrections",
        icon_name="warning",
        order=255,
    )


admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("ny/<int:page_id>/", admin_views.add, name="add"),
        path("<int:correction_id>/", admin_views.edit, name="edit"),
        path("genmale/", admin_views.reply_requests, name="reply_requests"),
        path("genmale/<int:request_id>/", admin_views.reply_request, name="reply_request"),
    ],
    "corrections_admin",
)


class RepliesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("corrections.change_replyrequest")


@hooks.register("register_admin_menu_item")
def register_replies_menu_item():
    return RepliesMenuItem(
        gettext_lazy("Genmälen"),
        reverse("corrections_admin:reply_requests"),
        name="genmale",
        icon_name="openquote",
        order=256,
    )


@hooks.register("register_admin_urls")
def register_corrections_urls():
    return [path("rattelser/", include(admin_urls))]


@hooks.register("register_permissions")
def register_corrections_permissions():
    return Permission.objects.filter(
        content_type__app_label="corrections",
        codename__in=["add_correction", "change_correction", "change_replyrequest"],
    )


def _correction_button(page, user, priority):
    if not isinstance(page.specific_deferred, ReadablePiece) or not admin_views.may_correct(
        user, page
    ):
        return
    yield Button(
        _("Rättelse"),
        url=reverse("corrections_admin:add", args=[page.pk]),
        icon_name="warning",
        priority=priority,
    )


register_page_buttons(_correction_button, header_priority=67, listing_priority=56)
