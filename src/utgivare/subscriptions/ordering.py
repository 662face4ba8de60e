"""Subscribing without card payment: an order, paid by invoice or Swish, that staff
mark paid, which registers a manual subscription; reminders before it runs out.

Rules (`reminder_due`, and `lifecycle.period_end`) are plain functions of dates; the rest records
the change (lifecycle.register_manual leaves the SubscriptionEvent) and queues mail.
"""

import datetime as dt

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Site

from utgivare.core.mail import publication_sender

from . import lifecycle, tasks
from .admin_forms import last_day
from .choices import OrderStatus, Source, Status
from .models import Order, OrderSettings, Subscription

REMIND_DAYS_BEFORE = 14
EXPIRING_WITHIN_DAYS = 30


def order_settings() -> OrderSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return OrderSettings.for_site(site) if site else OrderSettings()


def reminder_due(end: dt.datetime | None, reminded_for: dt.datetime | None, now: dt.datetime):
    """Remind once per period end, within REMIND_DAYS_BEFORE days of it."""
    if end is None or end <= now or reminded_for == end:
        return False
    return end - now <= dt.timedelta(days=REMIND_DAYS_BEFORE)


def _mail(template, to, context):
    """Render in Swedish now (the reader's language is the publication's); send as a task."""
    with translation.override("sv"):
        subject = render_to_string(f"subscriptions/email/{template}_subject.txt", context)
        body = render_to_string(f"subscriptions/email/{template}_message.txt", context)
    tasks.send_reader_mail.enqueue(" ".join(subject.split()), body, publication_sender(), [to])


def place_order(*, user, plan, name, address, payment_method) -> Order:
    order = Order.objects.create(
        user=user, plan=plan, name=name, address=address, payment_method=payment_method
    )
    settings = order_settings()
    transaction.on_commit(
        lambda: _mail("order_placed", user.email, {"order": order, "settings": settings})
    )
    return order


@transaction.atomic
def mark_paid(order: Order, *, actor: lifecycle.Actor, now: dt.datetime) -> Subscription:
    """Staff saw the money: the order becomes a manual subscription for one period."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.PENDING:
        raise ValueError("Only a pending order can be marked paid.")
    start = timezone.localdate(now)
    subscription = lifecycle.register_manual(
        user=order.user,
        plan=order.plan,
        source=Source.MANUAL,
        start=start,
        end=lifecycle.period_end(start, order.plan.interval),
        actor=actor,
        now=now,
        note=f"Beställning {order.pk} ({order.get_payment_method_display()})",
        amount_ore=order.plan.price_ore,
    )
    order.status, order.paid_at, order.subscription = OrderStatus.PAID, now, subscription
    order.save(update_fields=["status", "paid_at", "subscription"])
    transaction.on_commit(lambda: send_welcome(subscription))
    return subscription


def send_welcome(subscription: Subscription) -> None:
    """Welcome, with a receipt of the payment registered with it."""
    if subscription.user is None:
        return
    payment = subscription.payments.order_by("-paid_at").first()
    _mail(
        "welcome",
        subscription.user.email,
        {
            "subscription": subscription,
            "payment": payment,
            "last_day": last_day(subscription.current_period_end),
        },
    )


def expiring(now: dt.datetime, days: int = EXPIRING_WITHIN_DAYS):
    """Manual subscriptions whose paid period ends within `days`: staff send invoices."""
    return Subscription.objects.filter(
        source=Source.MANUAL,
        status=Status.ACTIVE,
        current_period_end__gt=now,
        current_period_end__lte=now + dt.timedelta(days=days),
    )


def send_renewal_reminders(now: dt.datetime) -> int:
    """Tell each reader once, before the end of a manual period, how to renew."""
    sent = 0
    for subscription in expiring(now, REMIND_DAYS_BEFORE).select_related("user", "plan"):
        if subscription.user is None or not reminder_due(
            subscription.current_period_end, subscription.reminded_for_end, now
        ):
            continue
        Subscription.objects.filter(pk=subscription.pk).update(
            reminded_for_end=subscription.current_period_end
        )
        _mail(
            "renewal_reminder",
            subscription.user.email,
            {
                "subscription": subscription,
                "last_day": last_day(subscription.current_period_end),
                "settings": order_settings(),
            },
        )
        sent += 1
    return sent
