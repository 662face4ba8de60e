"""What a reader may access now. The paywall asks this; nothing else decides access.

`decide(snapshots, now)` is the rule, a pure function of a reader's
subscriptions (as plain snapshots) and the time. `snapshot_of(subscription)`
turns a row into one; `for_reader(user, now)` loads a reader's rows and asks
the rule. The content types a plan can include are in `choices`.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from utgivare.core import reader_cache

from .choices import Source, Status
from .models import Plan, Subscription

# Stripe renews a subscription at the end of its period and tells us a little
# later (the renewal invoice is finalised up to an hour after the period
# starts). A reader is not locked out while that news is on its way.
STRIPE_RENEWAL_LEEWAY = dt.timedelta(days=2)


@dataclass(frozen=True)
class Entitlements:
    content_types: frozenset = frozenset()
    # Why, for the reader's account page and for audits ("Prenumeration: Helår").
    reason: str = ""

    def covers(self, content_type: str) -> bool:
        return content_type in self.content_types

    @property
    def is_subscriber(self) -> bool:
        return bool(self.content_types)


NOTHING = Entitlements()


@dataclass(frozen=True)
class SubscriptionSnapshot:
    """The facts about one subscription that access depends on."""

    status: str
    source: str
    started_at: dt.datetime | None
    current_period_end: dt.datetime | None
    grace_until: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    content_types: frozenset = frozenset()
    plan_name: str = ""


def access_window(sub: SubscriptionSnapshot) -> tuple[dt.datetime, dt.datetime | None] | None:
    """[start, end) during which `sub` gives access; end None means open-ended.

    None when it never gives access (not yet paid, or never started).
    """
    if sub.status == Status.INCOMPLETE or sub.started_at is None:
        return None
    end = sub.current_period_end
    if sub.status == Status.PAST_DUE:
        # The renewal failed: access continues through the grace period only.
        end = sub.grace_until or end
    elif sub.status in (Status.ACTIVE, Status.TRIALING):
        if sub.source == Source.STRIPE and end is not None:
            end = end + STRIPE_RENEWAL_LEEWAY
    elif sub.status == Status.EXPIRED:
        end = sub.ended_at or end
        if end is None:
            return None
    if sub.ended_at is not None and sub.status in (Status.CANCELED, Status.EXPIRED):
        end = min(end, sub.ended_at) if end is not None else sub.ended_at
    return sub.started_at, end


def gives_access(sub: SubscriptionSnapshot, now: dt.datetime) -> bool:
    window = access_window(sub)
    if window is None:
        return False
    start, end = window
    return start <= now and (end is None or now < end)


def decide(subscriptions: Iterable[SubscriptionSnapshot], now: dt.datetime) -> Entitlements:
    """The union of what every subscription giving access at `now` includes."""
    covering = [sub for sub in subscriptions if gives_access(sub, now)]
    content_types = frozenset().union(*(sub.content_types for sub in covering))
    if not content_types:
        return NOTHING
    plans = sorted({sub.plan_name for sub in covering if sub.content_types})
    return Entitlements(
        content_types=content_types,
        reason=_("Prenumeration: %(plans)s") % {"plans": ", ".join(plans)},
    )


def snapshot_of(subscription: Subscription) -> SubscriptionSnapshot:
    """The facts the rules need from a subscription row (and its plan)."""
    return SubscriptionSnapshot(
        status=subscription.status,
        source=subscription.source,
        started_at=subscription.started_at or subscription.current_period_start,
        current_period_end=subscription.current_period_end,
        grace_until=subscription.grace_until,
        ended_at=subscription.ended_at,
        content_types=subscription.plan.content_types,
        plan_name=subscription.plan.name,
    )


# The reader's subscriptions as snapshots, kept between requests (core.reader_cache);
# the decision is made anew with `now`, so a period that ends ends on time.
KEPT_PART = "subscriptions"


def _snapshots(user_id) -> list[SubscriptionSnapshot]:
    subscriptions = (
        Subscription.objects.filter(user_id=user_id)
        .exclude(status=Status.INCOMPLETE)
        .select_related("plan")
    )
    return [snapshot_of(sub) for sub in subscriptions]


def for_reader(user, now) -> Entitlements:
    """Entitlements of `user` (may be anonymous) at `now` (aware datetime)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NOTHING
    return decide(reader_cache.part(user, KEPT_PART, lambda: _snapshots(user.pk)), now)


def _subscription_loaded(sender, instance=None, **kwargs):
    """The reader a subscription row belonged to when loaded (it may be given to another,
    or to nobody when its reader's data is erased): both readers' rows are dropped."""
    instance._loaded_user_id = instance.__dict__.get("user_id")


def _subscription_changed(sender, instance=None, raw=False, **kwargs):
    if not raw and instance is not None:
        reader_cache.bump_reader(
            *{instance.user_id, getattr(instance, "_loaded_user_id", None)} - {None}
        )


def _plan_changed(sender, instance=None, raw=False, created=False, **kwargs):
    if not raw and not created:
        reader_cache.bump_all_readers()


def connect_signals():
    """Every change to a subscription or a plan drops what is kept of it (in its transaction)."""
    from django.db.models.signals import post_delete, post_init, post_save  # noqa: PLC0415

    reader_cache.register_part(KEPT_PART)
    post_init.connect(_subscription_loaded, sender=Subscription, dispatch_uid="entitl-init")
    post_save.connect(_subscription_changed, sender=Subscription, dispatch_uid="entitl-save")
    post_delete.connect(_subscription_changed, sender=Subscription, dispatch_uid="entitl-del")
    post_save.connect(_plan_changed, sender=Plan, dispatch_uid="entitl-plan-save")
    post_delete.connect(_plan_changed, sender=Plan, dispatch_uid="entitl-plan-del")
