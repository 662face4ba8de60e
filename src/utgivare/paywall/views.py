from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .access import month_key
from .report import piece_report, report
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
        months = report()
        context["months"] = [
            (f"{month_name(figures.month)} {figures.month[:4]}", figures) for figures in months
        ]
        # Per piece for one month: ?manad=YYYY-MM, else this month.
        chosen = self.request.GET.get("manad", "")
        known = {figures.month for figures in months}
        month = chosen if chosen in known else month_key(timezone.now())
        context["piece_month"] = f"{month_name(month)} {month[:4]}"
        context["piece_month_key"] = month
        context["pieces"] = piece_report(month)
        context["month_links"] = [
            (f"{month_name(m)} {m[:4]}", f"{reverse('paywall_report')}?manad={m}#per-text")
            for m in sorted(known, reverse=True)[:12]
        ]
        return context
