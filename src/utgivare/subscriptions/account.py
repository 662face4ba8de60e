"""The reader's subscriptions and payments as "Mitt konto" shows them."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from . import stripe_gateway
from .choices import Source, Status
from .entitlements import Entitlements, access_window, decide, gives_access, snapshot_of
from .models import Payment, Subscription


@dataclass(frozen=True)
class SubscriptionLine:
    subscription: Subscription
    gives_access: bool
    # The renewal day, or the last day of access (None: until further notice).
    renews_on: dt.date | None
    last_day: dt.date | None
    can_manage_online: bool


@dataclass(frozen=True)
class ReaderSubscriptions:
    entitlements: Entitlements
    current: list[SubscriptionLine]
    past: list[SubscriptionLine]
    payments: list[Payment]
    can_manage_online: bool


def for_account_page(user, now: dt.datetime) -> ReaderSubscriptions:
    subscriptions = list(
        Subscription.objects.filter(user=user)
        .exclude(status=Status.INCOMPLETE)
        .select_related("plan")
        .order_by("-created_at")
    )
    online = stripe_gateway.is_configured()
    current, past = [], []
    for sub in subscriptions:
        snapshot = snapshot_of(sub)
        window = access_window(snapshot)
        access = gives_access(snapshot, now)
        is_card = sub.source == Source.STRIPE and bool(sub.stripe_customer_id)
        renews = sub.source == Source.STRIPE and sub.status in (Status.ACTIVE, Status.TRIALING)
        end = window[1] if window else None
        if renews:
            end = sub.current_period_end
        line = SubscriptionLine(
            subscription=sub,
            gives_access=access,
            renews_on=timezone.localdate(end) if renews and end else None,
            # Access ends at `end` (exclusive): the last day is the one before it.
            last_day=timezone.localdate(end - dt.timedelta(microseconds=1))
            if end and not renews
            else None,
            can_manage_online=online and is_card,
        )
        upcoming = window is not None and window[0] > now
        (current if access or upcoming else past).append(line)
    return ReaderSubscriptions(
        entitlements=decide([snapshot_of(sub) for sub in subscriptions], now),
        current=current,
        past=past,
        payments=list(Payment.objects.filter(user=user).select_related("subscription__plan")),
        can_manage_online=any(line.can_manage_online for line in current + past),
    )
