"""The paywall report: per calendar month, how often the paywall met readers and what came of it."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from wagtail.models import Page

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


@dataclass(frozen=True)
class PieceFigures:
    page_id: int
    title: str = ""
    # Free reads the meter counted (recorded since 2026-11-30).
    reads: int = 0
    walls: int = 0
    exhaustions: int = 0
    # Subscriptions started by a logged-in reader whose last paywall this month
    # was this piece's (recorded since 2026-11-30).
    conversions: int = 0


PIECE_FIELD_FOR_KIND = {
    PaywallEvent.Kind.METERED_READ: "reads",
    PaywallEvent.Kind.BOX_VIEW: "walls",
    PaywallEvent.Kind.METER_EXHAUSTED: "exhaustions",
    PaywallEvent.Kind.CONVERSION: "conversions",
}


def figures_per_piece(rows, titles: dict[int, str]) -> list[PieceFigures]:
    """From (page_id, kind, count) rows: one line per piece, most walls first."""
    pieces: dict[int, Counter] = defaultdict(Counter)
    for page_id, kind, count in rows:
        field = PIECE_FIELD_FOR_KIND.get(kind)
        if field is not None and page_id is not None:
            pieces[page_id][field] += count
    lines = [
        PieceFigures(page_id=pk, title=titles.get(pk, ""), **counts)
        for pk, counts in pieces.items()
    ]
    return sorted(lines, key=lambda line: (-line.walls, -line.conversions, -line.reads, line.title))


def piece_report(month: str, limit: int = 100) -> list[PieceFigures]:
    """The month's figures per piece: two queries."""
    rows = list(
        PaywallEvent.objects.filter(month=month, page_id__isnull=False)
        .values_list("page_id", "kind")
        .annotate(count=Count("id"))
        .order_by()
    )
    titles = dict(Page.objects.filter(pk__in={row[0] for row in rows}).values_list("pk", "title"))
    return figures_per_piece(rows, titles)[:limit]


def month_totals(month: str) -> MonthFigures:
    """One month's figures (one query), for the dashboard."""
    rows = (
        PaywallEvent.objects.filter(month=month)
        .values_list("month", "kind", "reason")
        .annotate(count=Count("id"))
        .order_by()
    )
    found = monthly_figures(rows)
    return found[0] if found else MonthFigures(month=month)
