"""The one decision of what a reader may access, as a rule over plain data."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from utgivare.subscriptions.choices import ARTICLE, CONTENT_TYPES, Source, Status
from utgivare.subscriptions.entitlements import (
    NOTHING,
    STRIPE_RENEWAL_LEEWAY,
    SubscriptionSnapshot,
    access_window,
    decide,
    gives_access,
)

NOW = dt.datetime(2026, 11, 15, 12, 0, tzinfo=dt.UTC)
ALL = frozenset(CONTENT_TYPES)

moments = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2028, 1, 1), timezones=st.just(dt.UTC)
)
snapshots = st.builds(
    SubscriptionSnapshot,
    status=st.sampled_from(list(Status)),
    source=st.sampled_from(list(Source)),
    started_at=st.none() | moments,
    current_period_end=st.none() | moments,
    grace_until=st.none() | moments,
    ended_at=st.none() | moments,
    content_types=st.frozensets(st.sampled_from(CONTENT_TYPES)),
    plan_name=st.sampled_from(["Helår", "Månad", "Bara artiklar"]),
)


def snapshot(**overrides):
    values = {
        "status": Status.ACTIVE,
        "source": Source.MANUAL,
        "started_at": NOW - dt.timedelta(days=10),
        "current_period_end": NOW + dt.timedelta(days=20),
        "content_types": ALL,
        "plan_name": "Helår",
    }
    values.update(overrides)
    return SubscriptionSnapshot(**values)


@given(st.lists(snapshots, max_size=5), moments)
def test_reader_gets_exactly_what_their_current_subscriptions_include(subs, now):
    expected = frozenset().union(*(s.content_types for s in subs if gives_access(s, now)))
    assert decide(subs, now).content_types == expected


@given(st.lists(snapshots, max_size=4), snapshots, moments)
def test_another_subscription_never_takes_access_away(subs, extra, now):
    before = decide(subs, now).content_types
    assert before <= decide([*subs, extra], now).content_types


@given(snapshots, moments)
def test_no_subscription_gives_access_before_it_starts(sub, now):
    if sub.started_at is not None and now < sub.started_at:
        assert not gives_access(sub, now)


@given(snapshots, moments)
def test_unpaid_checkout_never_gives_access(sub, now):
    assert not gives_access(
        SubscriptionSnapshot(**{**sub.__dict__, "status": Status.INCOMPLETE}), now
    )


@given(snapshots, moments)
def test_ended_subscription_gives_no_access_after_it_ended(sub, now):
    if sub.status == Status.EXPIRED and sub.ended_at is not None and now >= sub.ended_at:
        assert not gives_access(sub, now)


@given(snapshots, moments)
def test_failed_payment_keeps_access_only_through_the_grace_period(sub, now):
    past_due = SubscriptionSnapshot(
        **{**sub.__dict__, "status": Status.PAST_DUE, "grace_until": NOW}
    )
    if past_due.started_at is not None and past_due.started_at <= now:
        assert gives_access(past_due, now) == (now < NOW)


def test_anonymous_and_unsubscribed_readers_get_nothing():
    assert decide([], NOW) == NOTHING
    assert not NOTHING.is_subscriber
    assert not NOTHING.covers(ARTICLE)


def test_active_subscription_covers_every_included_content_type_and_says_why():
    result = decide([snapshot()], NOW)
    assert result.is_subscriber
    assert all(result.covers(kind) for kind in CONTENT_TYPES)
    assert "Helår" in result.reason


def test_plan_with_only_articles_does_not_cover_podcast():
    result = decide([snapshot(content_types=frozenset({ARTICLE}))], NOW)
    assert result.covers(ARTICLE)
    assert not result.covers("podcast_episode")


def test_canceled_subscription_lasts_to_the_end_of_the_paid_period():
    canceled = snapshot(status=Status.CANCELED, current_period_end=NOW + dt.timedelta(hours=1))
    assert gives_access(canceled, NOW)
    assert not gives_access(canceled, NOW + dt.timedelta(hours=1))


def test_manual_subscription_ends_with_its_end_date():
    manual = snapshot(current_period_end=NOW)
    assert gives_access(manual, NOW - dt.timedelta(seconds=1))
    assert not gives_access(manual, NOW)


def test_card_subscription_is_not_cut_off_while_the_renewal_is_on_its_way():
    card = snapshot(source=Source.STRIPE, current_period_end=NOW)
    assert gives_access(card, NOW + dt.timedelta(hours=3))
    assert not gives_access(card, NOW + STRIPE_RENEWAL_LEEWAY)


def test_complimentary_subscription_without_end_date_runs_until_ended():
    gift = snapshot(source=Source.COMPLIMENTARY, current_period_end=None)
    assert gives_access(gift, NOW + dt.timedelta(days=3650))
    assert access_window(gift) == (gift.started_at, None)
