"""Figures: subscribers per plan, new and churned per month, monthly recurring revenue."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from utgivare.subscriptions.choices import CONTENT_TYPES, Source, Status
from utgivare.subscriptions.entitlements import SubscriptionSnapshot
from utgivare.subscriptions.figures import (
    SubscriptionFacts,
    compute,
    monthly_revenue_ore,
    spans,
)

NOW = dt.datetime(2026, 11, 15, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def fact(reader, *, start, end, plan="Månad", price=11900, interval="month", **snapshot):
    values = {
        "status": Status.ACTIVE,
        "source": Source.MANUAL,
        "started_at": start,
        "current_period_end": end,
        "content_types": frozenset(CONTENT_TYPES),
        "plan_name": plan,
    }
    values.update(snapshot)
    return SubscriptionFacts(reader, plan, price, interval, SubscriptionSnapshot(**values))


def test_mrr_counts_a_twelfth_of_yearly_plans_in_whole_ore():
    figures = compute(
        [
            fact(1, start=NOW - DAY, end=NOW + 30 * DAY),
            fact(
                2, start=NOW - DAY, end=NOW + 300 * DAY, plan="Helår", price=119500, interval="year"
            ),
        ],
        NOW,
    )
    # (11 900 × 12 + 119 500) / 12 = 21 858,33 öre
    assert figures.mrr_ore == 21858
    assert {plan.plan_name: plan.mrr_ore for plan in figures.plans} == {
        "Helår": 9958,
        "Månad": 11900,
    }


def test_free_subscriptions_and_trials_bring_no_revenue_but_count_as_subscribers():
    figures = compute(
        [
            fact(1, start=NOW - DAY, end=NOW + DAY, source=Source.COMPLIMENTARY),
            fact(2, start=NOW - DAY, end=NOW + DAY, status=Status.TRIALING),
        ],
        NOW,
    )
    assert figures.mrr_ore == 0
    assert figures.active_subscribers == 2


def test_ended_subscriptions_are_not_active():
    figures = compute([fact(1, start=NOW - 60 * DAY, end=NOW - 30 * DAY)], NOW)
    assert figures.active_subscribers == 0
    assert figures.plans == []


def test_renewal_without_a_gap_is_neither_new_nor_churn():
    october = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    figures = compute(
        [
            fact(1, start=october - 30 * DAY, end=october),
            fact(1, start=october, end=october + 61 * DAY),
        ],
        NOW,
    )
    by_month = {month.month: month for month in figures.months}
    assert by_month[dt.date(2026, 10, 1)].churned == 0
    assert by_month[dt.date(2026, 10, 1)].new == 0
    assert by_month[dt.date(2026, 9, 1)].new == 1


def test_churn_is_counted_in_the_month_access_ended():
    figures = compute([fact(1, start=NOW - 90 * DAY, end=NOW - 20 * DAY)], NOW)
    by_month = {month.month: month for month in figures.months}
    assert by_month[dt.date(2026, 10, 1)].churned == 1
    assert sum(month.churned for month in figures.months) == 1


def test_months_follow_stockholm_time():
    # 23:30 UTC on 31 October is already 1 November in Stockholm.
    start = dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC)
    figures = compute([fact(1, start=start, end=NOW + DAY)], NOW)
    by_month = {month.month: month for month in figures.months}
    assert by_month[dt.date(2026, 11, 1)].new == 1


def test_yearly_revenue_rounds_to_the_nearest_ore():
    assert monthly_revenue_ore(0) == 0
    assert monthly_revenue_ore(12) == 1
    assert monthly_revenue_ore(6) == 1  # half an öre rounds up
    assert monthly_revenue_ore(5) == 0


window_days = st.tuples(st.integers(-330, 0), st.integers(1, 400))


@given(st.lists(st.tuples(st.integers(1, 6), window_days), max_size=12))
def test_new_minus_churned_is_the_change_in_subscribers(rows):
    facts = [
        fact(reader, start=NOW + offset * DAY, end=NOW + (offset + length) * DAY)
        for reader, (offset, length) in rows
    ]
    figures = compute(facts, NOW, months=13)
    # Every span started within the 13 months shown, so before them nobody subscribed.
    assert sum(m.new for m in figures.months) - sum(m.churned for m in figures.months) == (
        figures.active_subscribers
    )


@given(st.lists(st.tuples(st.integers(1, 4), window_days), max_size=10))
def test_a_reader_never_has_overlapping_spans(rows):
    facts = [
        fact(reader, start=NOW + offset * DAY, end=NOW + (offset + length) * DAY)
        for reader, (offset, length) in rows
    ]
    for reader in {reader for reader, _ in rows}:
        own = sorted((s for s in spans(facts) if s.reader == reader), key=lambda s: s.start)
        assert all(a.end < b.start for a, b in zip(own, own[1:], strict=False))
