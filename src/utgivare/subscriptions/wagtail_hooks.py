from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from utgivare.core.attention import ATTENTION_HOOK, AttentionLine

from . import ordering, stripe_gateway
from .admin_views import SubscriptionsGroup


@hooks.register("register_admin_viewset")
def register_subscriptions():
    return SubscriptionsGroup()


@hooks.register("register_permissions")
def figures_permission():
    return Permission.objects.filter(
        content_type__app_label="subscriptions", codename="view_figures"
    )


class ManualOnlyPanel(Component):
    name = "subscriptions_manual_only"
    order = 50

    def render_html(self, parent_context=None):
        # Own-built HTML with escaped text (format_html).
        return format_html(
            '<section class="panel"><div class="help-block help-warning"><p>{}</p></div></section>',
            _(
                "Onlinebetalning är inte påslagen: utan STRIPE_SECRET_KEY säljs bara manuella "
                "prenumerationer (faktura, Swish, fria). Registrera dem under "
                "Prenumerationer → Prenumeranter."
            ),
        )


@hooks.register("construct_homepage_panels")
def warn_when_stripe_is_missing(request, panels):
    if not stripe_gateway.is_configured() and request.user.has_perm(
        "subscriptions.view_subscription"
    ):
        panels.append(ManualOnlyPanel())


@hooks.register(ATTENTION_HOOK)
def subscriptions_expiring_soon(request, now):
    if not request.user.has_perm("subscriptions.view_subscription"):
        return []
    from .admin_views import EXPIRING_PARAMETER

    return [
        AttentionLine(
            _("Prenumerationer"),
            _("Manuella prenumerationer som löper ut inom 30 dagar"),
            ordering.expiring(now).count(),
            reverse("subscribers:index") + f"?{EXPIRING_PARAMETER}=1",
            True,
            40,
        )
    ]
