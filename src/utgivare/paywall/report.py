"""The paywall report: per calendar month, how often the paywall met readers and what came of it."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count

from .access import SUBSCRIBERS_ONLY
from .models import PaywallEvent

MONTHS_SHOWN = 24


@dataclass(frozen=True)
class MonthFigures:
    month: str  # "2026-11"
    box_views: int = 0
    # Of box_views: readers who met a subscribers-only piece (the rest had used their quota).
    subscribers_only_views: int = 0
    exhaustions: int = 0
    conversions: int = 0


FIELD_FOR_KIND = {
    PaywallEvent.Kind.BOX_VIEW: "box_views",
    PaywallEvent.Kind.METER_EXHAUSTED: "exhaustions",
    PaywallEvent.Kind.CONVERSION: "conversions",
}


def monthly_figures(rows) -> list[MonthFigures]:
    """Figures per month, newest first, from (month, kind, reason, count) rows."""
    months: dict[str, Counter] = defaultdict(Counter)
    for month, kind, reason, count in rows:
        field = FIELD_FOR_KIND.get(kind)
        if field is None:
            continue
        months[month][field] += count
        if kind == PaywallEvent.Kind.BOX_VIEW and reason == SUBSCRIBERS_ONLY:
            months[month]["subscribers_only_views"] += count
    return [MonthFigures(month=month, **months[month]) for month in sorted(months, reverse=True)]


def report(months: int = MONTHS_SHOWN) -> list[MonthFigures]:
    rows = (
        PaywallEvent.objects.values_list("month", "kind", "reason")
        .annotate(count=Count("id"))
        .order_by()
    )
    return monthly_figures(rows)[:months]
