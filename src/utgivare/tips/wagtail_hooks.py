from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, staff


class TipsMenuItem(MenuItem):
    def is_shown(self, request):
        return staff.may_read(request.user)


@hooks.register("register_admin_menu_item")
def register_tips_menu_item():
    return TipsMenuItem(
        gettext_lazy("Tips"), reverse("tips_admin:index"), name="tips", icon_name="mail", order=260
    )


admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("oppna/", admin_views.setup, name="setup"),
        path("las-upp/", admin_views.unlock, name="unlock"),
        path("las/", admin_views.lock, name="lock"),
        path("<int:tip_id>/", admin_views.detail, name="detail"),
        path("bilaga/<int:attachment_id>/", admin_views.attachment, name="attachment"),
        path("installningar/", admin_views.inbox_settings, name="settings"),
        path("logg/", admin_views.access_log, name="log"),
    ],
    "tips_admin",
)


@hooks.register("register_admin_urls")
def register_tips_urls():
    return [path("tips/", include(admin_urls))]


@hooks.register("register_permissions")
def register_tips_permission():
    return Permission.objects.filter(content_type__app_label="tips", codename="read_tips")
