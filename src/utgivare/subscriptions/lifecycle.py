"""Changing a subscription, always with a record of who or what changed it.

Every write to a Subscription's state goes through `save_change`, which
stores a SubscriptionEvent with the state before and after, and sends
`subscription_started` the first time the subscription gives access.
"""

import calendar
import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from .choices import Interval, Source, Status
from .models import Payment, Plan, Subscription, SubscriptionEvent
from .signals import subscription_started

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
ACCESS_STATUSES = (Status.ACTIVE, Status.TRIALING)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in Stockholm, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=STOCKHOLM).astimezone(dt.UTC)


def period_end(start: dt.date, interval: str) -> dt.date:
    """The last day of one paid period from `start`: the day before the same date a
    month (or year) later; 31 January runs to the last of February, when the next
    period starts on 1 March."""
    months = 12 if interval == Interval.YEAR else 1
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if start.day <= calendar.monthrange(year, month)[1]:
        next_start = dt.date(year, month, start.day)
    else:  # no such day that month: the next period starts on the first after it
        next_start = dt.date(year + month // 12, month % 12 + 1, 1)
    return next_start - dt.timedelta(days=1)


def grace_period() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "SUBSCRIPTION_GRACE_DAYS", 7))


@dataclass(frozen=True)
class Actor:
    """Who or what made a change: "staff", "reader", "system" or "stripe:evt_…"."""

    label: str
    user: object = None


SYSTEM = Actor("system")


def save_change(
    subscription: Subscription,
    *,
    before: dict,
    actor: Actor,
    kind: str,
    when: dt.datetime,
    note: str = "",
    force_event: bool = False,
) -> SubscriptionEvent | None:
    """Save `subscription` and record the change from `before` (its earlier state()).

    Nothing is recorded when nothing changed, unless `force_event`.
    """
    first_access = subscription.started_at is None and subscription.status in ACCESS_STATUSES
    if first_access:
        subscription.started_at = subscription.current_period_start or when
    subscription.save()
    after = subscription.state()
    event = None
    if force_event or after != before:
        event = SubscriptionEvent.objects.create(
            subscription=subscription,
            created_at=when,
            actor=actor.label,
            actor_user=actor.user if getattr(actor.user, "pk", None) else None,
            kind=kind,
            before=before,
            after=after,
            note=note,
        )
    if first_access and subscription.user_id:
        send_started_after_commit(subscription, when)
    return event


def send_started_after_commit(subscription: Subscription, when: dt.datetime) -> None:
    def send():
        subscription_started.send(
            sender=Subscription, user=subscription.user, subscription=subscription, when=when
        )

    transaction.on_commit(send)


@transaction.atomic
def register_manual(
    *,
    user,
    plan: Plan,
    source: str,
    start: dt.date,
    end: dt.date | None,
    actor: Actor,
    now: dt.datetime,
    note: str = "",
    amount_ore: int | None = None,
) -> Subscription:
    """A subscription staff register by hand: paid by invoice or Swish, or given free.

    Access runs from the start of `start` to the end of `end` (Stockholm days).
    An amount, when given, is stored as a Payment for the bookkeeping.
    """
    if source not in (Source.MANUAL, Source.COMPLIMENTARY):
        raise ValueError(source)
    subscription = Subscription(
        user=user,
        plan=plan,
        source=source,
        status=Status.ACTIVE,
        current_period_start=day_start(start),
        current_period_end=day_start(end + dt.timedelta(days=1)) if end else None,
        note=note,
    )
    save_change(
        subscription,
        before={},
        actor=actor,
        kind="registered",
        when=now,
        note=note,
        force_event=True,
    )
    if amount_ore:
        Payment.objects.create(
            subscription=subscription,
            user=user,
            amount_ore=amount_ore,
            currency=plan.currency,
            paid_at=now,
            source=source,
            description=plan.name,
            payer_name=user.get_full_name(),
            payer_email=user.email,
            reference=note[:100],
        )
    return subscription


@transaction.atomic
def change_manual(
    subscription: Subscription,
    *,
    plan: Plan,
    status: str,
    end: dt.date | None,
    note: str,
    actor: Actor,
    now: dt.datetime,
) -> Subscription:
    """Staff change a manual or complimentary subscription (extend, end, switch plan)."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.source == Source.STRIPE:
        raise ValueError("Stripe subscriptions change at Stripe.")
    before = subscription.state()
    subscription.plan = plan
    subscription.status = status
    subscription.current_period_end = day_start(end + dt.timedelta(days=1)) if end else None
    subscription.note = note
    if status == Status.EXPIRED and subscription.ended_at is None:
        subscription.ended_at = now
    elif status != Status.EXPIRED:
        subscription.ended_at = None
    save_change(subscription, before=before, actor=actor, kind="changed_by_staff", when=now)
    return subscription
