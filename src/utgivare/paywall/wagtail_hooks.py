from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import REPORT_PERMISSION, PaywallReportView


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("betalvagg/rapport/", PaywallReportView.as_view(), name="paywall_report")]


class PaywallReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PaywallReportMenuItem(
        _("Betalvägg"), reverse("paywall_report"), name="paywall", icon_name="lock", order=1300
    )
