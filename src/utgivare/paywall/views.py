from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .report import report
from .templatetags.paywall_tags import month_name

REPORT_PERMISSION = "paywall.view_paywallevent"


class PaywallReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "paywall/admin/report.html"
    page_title = _("Betalvägg")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = [
            (f"{month_name(figures.month)} {figures.month[:4]}", figures) for figures in report()
        ]
        return context
