"""Stripe's events arrive in any order; the newest state is the one a subscription keeps."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from utgivare.subscriptions import stripe_objects
from utgivare.subscriptions.stripe_sync import event_key, fetched_key, is_stale

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)

event_types = st.sampled_from(
    [
        stripe_objects.CHECKOUT_COMPLETED,
        stripe_objects.SUBSCRIPTION_CREATED,
        stripe_objects.SUBSCRIPTION_UPDATED,
        stripe_objects.SUBSCRIPTION_DELETED,
        stripe_objects.INVOICE_PAID,
        stripe_objects.INVOICE_PAYMENT_FAILED,
    ]
)
keys = st.builds(
    event_key, event_types, st.integers(0, 5).map(lambda s: T0 + dt.timedelta(seconds=s))
)


def applied_after(deliveries):
    applied = None
    for key in deliveries:
        if not is_stale(applied, key):
            applied = key
    return applied


@given(st.lists(keys, min_size=1, max_size=8), st.randoms())
def test_whatever_the_delivery_order_the_newest_state_is_kept(deliveries, random):
    shuffled = list(deliveries)
    random.shuffle(shuffled)
    assert applied_after(shuffled) == max(deliveries)


def test_a_cancellation_in_the_same_second_as_an_update_wins():
    deleted = event_key(stripe_objects.SUBSCRIPTION_DELETED, T0)
    updated = event_key(stripe_objects.SUBSCRIPTION_UPDATED, T0)
    assert applied_after([deleted, updated]) == deleted


def test_state_read_from_stripe_loses_to_an_event_of_the_same_second():
    read = fetched_key(T0.replace(microsecond=500))
    created = event_key(stripe_objects.SUBSCRIPTION_CREATED, T0)
    assert applied_after([created, read]) == created
    assert applied_after([read, created]) == created
