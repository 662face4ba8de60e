from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from utgivare.core.attention import ATTENTION_HOOK, AttentionLine

from .access import month_key
from .report import month_totals
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


@hooks.register(ATTENTION_HOOK)
def meter_this_month(request, now):
    if not request.user.has_perm(REPORT_PERMISSION):
        return []
    figures = month_totals(month_key(now))
    url = reverse("paywall_report")
    group = _("Betalväggen den här månaden")
    return [
        AttentionLine(group, _("Betalväggen visad"), figures.box_views, url, order=60),
        AttentionLine(group, _("Gratisartiklarna slut"), figures.exhaustions, url, order=61),
        AttentionLine(group, _("Nya prenumerationer"), figures.conversions, url, order=62),
    ]
