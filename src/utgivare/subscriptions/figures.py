"""The publication's subscription figures, as pure functions of plain data.

- Active subscribers per plan: subscriptions that give access now.
- New and churned per month: a reader's subscriptions are merged into
  continuous spans of access (a renewal or an extension is not churn); a span
  that starts in a month is a new subscriber, one that ended in it is churn.
- Monthly recurring revenue: what paying subscriptions bring per month, in
  öre; a yearly plan counts a twelfth of its price. Free (complimentary)
  subscriptions and trials bring nothing. Summed per year, divided once.
"""

import datetime as dt
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from .choices import Interval, Source, Status
from .entitlements import SubscriptionSnapshot, access_window, gives_access

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class SubscriptionFacts:
    """One subscription as the figures need it."""

    reader: Hashable  # the user id, or the subscription's own key once anonymised
    plan_name: str
    price_ore: int
    interval: str
    snapshot: SubscriptionSnapshot


@dataclass(frozen=True)
class Span:
    reader: Hashable
    start: dt.datetime
    end: dt.datetime | None  # None: still running


@dataclass(frozen=True)
class PlanFigures:
    plan_name: str
    subscribers: int
    mrr_ore: int


@dataclass(frozen=True)
class MonthFigures:
    month: dt.date  # the first day of the month
    new: int
    churned: int

    @property
    def net(self) -> int:
        return self.new - self.churned


@dataclass(frozen=True)
class Figures:
    plans: list[PlanFigures]
    months: list[MonthFigures]
    active_subscribers: int
    mrr_ore: int


def spans(facts: Iterable[SubscriptionFacts]) -> list[Span]:
    """Each reader's periods of access, overlapping or touching ones merged."""
    windows = defaultdict(list)
    for fact in facts:
        window = access_window(fact.snapshot)
        if window is not None and (window[1] is None or window[0] < window[1]):
            windows[fact.reader].append(window)
    merged = []
    for reader, reader_windows in windows.items():
        reader_windows.sort(key=lambda window: window[0])
        start, end = reader_windows[0]
        for next_start, next_end in reader_windows[1:]:
            if end is None or next_start <= end:
                end = None if end is None or next_end is None else max(end, next_end)
            else:
                merged.append(Span(reader, start, end))
                start, end = next_start, next_end
        merged.append(Span(reader, start, end))
    return merged


def month_of(moment: dt.datetime) -> dt.date:
    local = moment.astimezone(STOCKHOLM)
    return dt.date(local.year, local.month, 1)


def last_months(now: dt.datetime, count: int) -> list[dt.date]:
    """The `count` months up to and including the one `now` is in, oldest first."""
    month = month_of(now)
    months = []
    for _ in range(count):
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def movements(all_spans: Iterable[Span], months: list[dt.date], now: dt.datetime):
    new, churned = Counter(), Counter()
    for span in all_spans:
        if span.start <= now:
            new[month_of(span.start)] += 1
        if span.end is not None and span.end <= now:
            churned[month_of(span.end)] += 1
    return [MonthFigures(month, new[month], churned[month]) for month in months]


def monthly_revenue_ore(yearly_ore: int) -> int:
    """A twelfth, rounded to the nearest öre (halves up)."""
    return (yearly_ore * 2 + 12) // 24


def pays(fact: SubscriptionFacts) -> bool:
    return fact.snapshot.source != Source.COMPLIMENTARY and fact.snapshot.status != Status.TRIALING


def yearly_ore(fact: SubscriptionFacts) -> int:
    return fact.price_ore * 12 if fact.interval == Interval.MONTH else fact.price_ore


def compute(facts: list[SubscriptionFacts], now: dt.datetime, months: int = 12) -> Figures:
    current = [fact for fact in facts if gives_access(fact.snapshot, now)]
    readers_per_plan = defaultdict(set)
    yearly_per_plan = Counter()
    for fact in current:
        readers_per_plan[fact.plan_name].add(fact.reader)
        if pays(fact):
            yearly_per_plan[fact.plan_name] += yearly_ore(fact)
    plans = [
        PlanFigures(name, len(readers), monthly_revenue_ore(yearly_per_plan[name]))
        for name, readers in sorted(readers_per_plan.items())
    ]
    return Figures(
        plans=plans,
        months=movements(spans(facts), last_months(now, months), now),
        active_subscribers=len({fact.reader for fact in current}),
        mrr_ore=monthly_revenue_ore(sum(yearly_per_plan.values())),
    )
