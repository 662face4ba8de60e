"""Staff views in the Wagtail admin: plans, subscribers, history, manual registration, figures."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusFlagColumn
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from utgivare.core.readers import get_or_create_reader

from . import figures, lifecycle, ordering, stripe_gateway
from .admin_forms import ChangeManualSubscriptionForm, ManualSubscriptionForm, last_day
from .choices import OrderStatus, Source
from .entitlements import snapshot_of
from .models import Order, Payment, Plan, Subscription, SubscriptionEvent

FIGURES_PERMISSION = "subscriptions.view_figures"


# ?loper_ut=1 on the subscriber list: manual periods that end within 30 days.
EXPIRING_PARAMETER = "loper_ut"


def warn_if_no_online_payment(request):
    if not stripe_gateway.is_configured():
        messages.warning(
            request,
            _(
                "Stripe är inte konfigurerat (STRIPE_SECRET_KEY saknas): webbplatsen säljer "
                "inga prenumerationer med kort. Registrera prenumeranter som betalat med "
                "faktura eller Swish här."
            ),
        )


# --- Plans --------------------------------------------------------------------------


class PlanIndexView(IndexView):
    def get(self, request, *args, **kwargs):
        if not self.results_only:
            warn_if_no_online_payment(request)
        return super().get(request, *args, **kwargs)


class PlanDeleteView(DeleteView):
    """A plan someone has subscribed to is history: it can stop being sold, not vanish."""

    def dispatch(self, request, *args, **kwargs):
        plan = self.get_object()
        if plan.subscriptions.exists():
            messages.error(
                request,
                _(
                    "Planen %(plan)s har prenumerationer och kan inte raderas. Sluta sälja "
                    "den i stället: avmarkera ”säljs”."
                )
                % {"plan": plan.name},
            )
            return redirect("subscription_plans:edit", plan.pk)
        return super().dispatch(request, *args, **kwargs)


class PlanViewSet(ModelViewSet):
    model = Plan
    icon = "tag"
    menu_label = gettext_lazy("Planer")
    name = "subscription_plans"
    url_prefix = "prenumerationer/planer"
    index_view_class = PlanIndexView
    delete_view_class = PlanDeleteView
    list_display = [
        "name",
        Column("price_display", label=gettext_lazy("Pris")),
        "interval",
        StatusFlagColumn(
            "active",
            label=gettext_lazy("Säljs"),
            sort_key="active",
            true_label=gettext_lazy("Ja"),
            false_label=gettext_lazy("Nej"),
        ),
    ]
    copy_view_enabled = False


# --- Subscribers -------------------------------------------------------------------------


def reader_email(subscription):
    return subscription.reader_email or _("(raderad läsare)")


def _local_minute(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class SubscriberIndexView(IndexView):
    # Times in the CSV as staff read them: Stockholm time, to the minute.
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        dt.datetime: {
            **IndexView.custom_value_preprocess[dt.datetime],
            IndexView.FORMAT_CSV: _local_minute,
        },
    }

    def get(self, request, *args, **kwargs):
        if not self.results_only:
            warn_if_no_online_payment(request)
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        if self.request.GET.get(EXPIRING_PARAMETER):
            return ordering.expiring(timezone.now()).select_related("user", "plan")
        return super().get_base_queryset().select_related("user", "plan")

    def get_edit_url(self, instance):
        # The row's title opens the subscriber's history; "Ändra" is in the menu.
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            buttons.append(
                MenuItem(
                    _("Ändra"),
                    url=reverse("subscribers:edit", args=(instance.pk,)),
                    icon_name="edit",
                    priority=10,
                )
            )
        return buttons


class RegisterManualView(CreateView):
    page_title = gettext_lazy("Registrera prenumerant")
    submit_button_label = gettext_lazy("Registrera")
    submit_button_active_label = gettext_lazy("Registrerar…")

    def get(self, request, *args, **kwargs):
        warn_if_no_online_payment(request)
        return super().get(request, *args, **kwargs)

    def save_instance(self):
        data = self.form.cleaned_data
        reader, _created = get_or_create_reader(
            data["email"], first_name=data["first_name"], last_name=data["last_name"]
        )
        subscription = lifecycle.register_manual(
            user=reader,
            plan=data["plan"],
            source=data["source"],
            start=data["start_date"],
            end=data["end_date"],
            note=data["note"],
            amount_ore=data["amount"],
            actor=lifecycle.Actor("staff", self.request.user),
            now=timezone.now(),
        )
        transaction.on_commit(lambda: ordering.send_welcome(subscription))
        return subscription

    def get_success_url(self):
        return reverse("subscribers:inspect", args=(self.object.pk,))

    def get_success_message(self, instance):
        return _("Prenumerationen för %(email)s är registrerad.") % {
            "email": reader_email(instance)
        }


class ChangeManualView(EditView):
    def get_object(self, queryset=None):
        subscription = super().get_object(queryset)
        if subscription.source == Source.STRIPE:
            raise PermissionDenied
        return subscription

    def save_instance(self):
        data = self.form.cleaned_data
        return lifecycle.change_manual(
            self.object,
            plan=data["plan"],
            status=data["status"],
            end=data["end_date"],
            note=data["note"],
            actor=lifecycle.Actor("staff", self.request.user),
            now=timezone.now(),
        )

    def get_success_url(self):
        return reverse("subscribers:inspect", args=(self.object.pk,))


class SubscriberHistoryView(InspectView):
    """Everything about one subscriber: their subscriptions, each change, payments."""

    template_name = "subscriptions/admin/history.html"

    def get_page_title(self):
        return _("Prenumerant")

    def get_page_subtitle(self):
        return reader_email(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subscription = self.object
        if subscription.user_id:
            subscriptions = Subscription.objects.filter(user_id=subscription.user_id)
            payments = Payment.objects.filter(user_id=subscription.user_id)
        else:
            subscriptions = Subscription.objects.filter(pk=subscription.pk)
            payments = Payment.objects.filter(subscription=subscription)
        context.update(
            reader=subscription.user,
            subscriptions=[
                (sub, last_day(sub.current_period_end))
                for sub in subscriptions.select_related("plan").prefetch_related(
                    Prefetch(
                        "events",
                        queryset=SubscriptionEvent.objects.select_related("actor_user"),
                    )
                )
            ],
            payments=payments.select_related("subscription__plan"),
            can_change=self.permission_policy.user_has_permission(self.request.user, "change"),
        )
        return context


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    name = "subscribers"
    url_prefix = "prenumerationer/prenumeranter"
    icon = "user"
    menu_label = gettext_lazy("Prenumeranter")
    index_view_class = SubscriberIndexView
    add_view_class = RegisterManualView
    edit_view_class = ChangeManualView
    inspect_view_class = SubscriberHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        Column("email", label=gettext_lazy("Läsare"), accessor=reader_email),
        Column("name", label=gettext_lazy("Namn"), accessor="reader_name"),
        "plan",
        "status",
        "source",
        Column(
            "current_period_end",
            label=gettext_lazy("Gäller till och med"),
            accessor=lambda sub: last_day(sub.current_period_end) or _("tills vidare"),
            sort_key="current_period_end",
        ),
    ]
    list_filter = ["plan", "status", "source"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "note"]
    list_export = [
        "reader_email",
        "reader_name",
        "plan.name",
        "get_status_display",
        "get_source_display",
        "current_period_start",
        "current_period_end",
        "started_at",
        "ended_at",
        "note",
    ]
    export_headings = {
        "reader_email": gettext_lazy("E-post"),
        "reader_name": gettext_lazy("Namn"),
        "plan.name": gettext_lazy("Plan"),
        "get_status_display": gettext_lazy("Status"),
        "get_source_display": gettext_lazy("Källa"),
    }
    export_filename = "prenumeranter"

    def get_form_class(self, for_update=False):
        return ChangeManualSubscriptionForm if for_update else ManualSubscriptionForm


# --- Figures -----------------------------------------------------------------------------


def subscription_facts() -> list[figures.SubscriptionFacts]:
    return [
        figures.SubscriptionFacts(
            reader=sub.user_id or f"subscription-{sub.pk}",
            plan_name=sub.plan.name,
            price_ore=sub.plan.price_ore,
            interval=sub.plan.interval,
            snapshot=snapshot_of(sub),
        )
        for sub in Subscription.objects.select_related("plan")
    ]


class FiguresView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "subscriptions/admin/figures.html"
    page_title = gettext_lazy("Nyckeltal")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(FIGURES_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = figures.compute(subscription_facts(), timezone.now())
        context["online_payment"] = stripe_gateway.is_configured()
        return context


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(FIGURES_PERMISSION)


class FiguresViewSet(ViewSet):
    name = "subscription_figures"
    icon = "table"
    menu_label = gettext_lazy("Nyckeltal")
    url_prefix = "prenumerationer/nyckeltal"

    def get_urlpatterns(self):
        return [path("", FiguresView.as_view(), name="index")]

    menu_item_class = FiguresMenuItem

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index"))


# --- Orders without card payment ---------------------------------------------------------


class OrderIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "plan")


@require_POST
def mark_order_paid(request, pk):
    if not request.user.has_perm("subscriptions.add_subscription"):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=pk)
    try:
        ordering.mark_paid(order, actor=lifecycle.Actor("staff", request.user), now=timezone.now())
    except ValueError:
        messages.error(request, _("Beställningen är redan hanterad."))
    else:
        messages.success(
            request,
            _("%(name)s är nu prenumerant. Ett välkomstbrev med kvitto har skickats.")
            % {"name": order.name},
        )
    return redirect("subscription_orders:index")


class OrderActionColumn(Column):
    """ "Markera som betald" on a pending order; the status otherwise."""

    cell_template_name = "subscriptions/admin/order_action_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        # A cell is rendered with its own context: the form needs the token given.
        context["csrf_token"] = get_token(request) if request else ""
        context["pending"] = instance.status == OrderStatus.PENDING
        return context


class OrderViewSet(ModelViewSet):
    model = Order
    name = "subscription_orders"
    url_prefix = "prenumerationer/bestallningar"
    icon = "doc-full"
    menu_label = gettext_lazy("Beställningar")
    index_view_class = OrderIndexView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "name",
        Column("email", label=gettext_lazy("E-postadress"), accessor="reader_email"),
        "plan",
        "payment_method",
        "created_at",
        OrderActionColumn("action", label=gettext_lazy("Betalning")),
    ]
    list_filter = ["status", "payment_method"]
    form_fields = ["name", "address", "status"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/betald/", mark_order_paid, name="mark_paid"),
        ]


class ExpiringViewSet(ViewSet):
    """A menu item: the subscriber list, filtered to manual periods ending within 30 days."""

    name = "subscriptions_expiring"
    icon = "time"
    menu_label = gettext_lazy("Löper ut inom 30 dagar")
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse("subscribers:index") + f"?{EXPIRING_PARAMETER}=1"


class SubscriptionsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Prenumerationer")
    menu_icon = "group"
    menu_order = 250
    items = (SubscriptionViewSet, OrderViewSet, ExpiringViewSet, PlanViewSet, FiguresViewSet)
