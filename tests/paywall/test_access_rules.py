"""Property tests for the one access decision (paywall.access), no database."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from utgivare.paywall.access import (
    EMPTY_METER,
    METERED,
    QUOTA_REACHED,
    REREAD,
    STAFF,
    SUBSCRIBER,
    SUBSCRIBERS_ONLY,
    Meter,
    decide,
    merge_meters,
    meter_for_month,
    month_key,
    record_read,
)
from utgivare.subscriptions.choices import CONTENT_TYPES
from utgivare.subscriptions.entitlements import NOTHING, Entitlements

UTC = dt.UTC
LEVELS = ("free", "metered", "subscribers")

instants = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31), timezones=st.just(UTC)
)
piece_ids = st.integers(min_value=1, max_value=12)
limits = st.integers(min_value=0, max_value=5)
meters = st.builds(
    Meter,
    month=st.sampled_from(["", "2025-06", "2026-11", "2027-02"]),
    read_ids=st.frozensets(piece_ids, max_size=6),
)


def read(meter, piece_id, now, limit, entitlements=NOTHING, level="metered", is_staff=False):
    """One page view: decide, then store the read if it counts. Returns (decision, meter)."""
    decision = decide(
        entitlements=entitlements,
        level=level,
        content_type="article",
        meter=meter,
        piece_id=piece_id,
        limit=limit,
        now=now,
        is_staff=is_staff,
    )
    if decision.counts_read:
        meter = record_read(meter, piece_id, now)
    return decision, meter


@given(views=st.lists(st.tuples(piece_ids, instants), max_size=40), limit=limits)
def test_never_more_than_n_distinct_metered_pieces_in_full_per_month(views, limit):
    meter = EMPTY_METER
    full_by_month: dict[str, set[int]] = {}
    for piece_id, now in sorted(views, key=lambda view: view[1]):
        decision, meter = read(meter, piece_id, now, limit)
        if decision.full:
            full_by_month.setdefault(month_key(now), set()).add(piece_id)
    assert all(len(pieces) <= limit for pieces in full_by_month.values())


@given(views=st.lists(st.tuples(piece_ids, instants), max_size=40), limit=limits)
def test_clock_going_backwards_never_gives_more_free_reads(views, limit):
    # Views in any order of time: new free reads per meter month stay within N.
    meter = EMPTY_METER
    new_reads_by_meter_month: dict[str, int] = {}
    for piece_id, now in views:
        decision, meter = read(meter, piece_id, now, limit)
        if decision.counts_read:
            new_reads_by_meter_month[meter.month] = new_reads_by_meter_month.get(meter.month, 0) + 1
    assert all(count <= limit for count in new_reads_by_meter_month.values())


@given(meter=meters, now=instants)
def test_meter_from_a_later_month_is_kept_when_the_clock_is_behind(meter, now):
    if meter.month >= month_key(now):
        assert meter_for_month(meter, now) == meter
    else:
        assert meter_for_month(meter, now) == Meter(month=month_key(now))


@given(
    first=st.lists(piece_ids, min_size=1, max_size=8),
    now=instants,
    limit=st.integers(min_value=1, max_value=5),
)
def test_opening_a_piece_again_the_same_month_is_free(first, now, limit):
    meter = EMPTY_METER
    granted = []
    for piece_id in first:
        decision, meter = read(meter, piece_id, now, limit)
        if decision.full:
            granted.append(piece_id)
    for piece_id in granted:
        decision, again = read(meter, piece_id, now + dt.timedelta(seconds=1), limit)
        if month_key(now + dt.timedelta(seconds=1)) == month_key(now):
            assert decision.full
            assert decision.reason == REREAD
            assert not decision.counts_read
            assert again == meter


@given(pieces=st.lists(piece_ids, min_size=1, max_size=12), limit=st.integers(1, 5))
def test_new_month_resets_the_meter(pieces, limit):
    november = dt.datetime(2026, 11, 30, 22, 59, tzinfo=UTC)  # 23:59 in Stockholm
    december = dt.datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # 00:00 on 1 December
    meter = EMPTY_METER
    for piece_id in pieces:
        _, meter = read(meter, piece_id, november, limit)
    decision, meter = read(meter, 999, december, limit)
    assert decision.full
    assert decision.reason == METERED
    assert decision.free_left == limit - 1
    assert meter == Meter(month="2026-12", read_ids=frozenset({999}))


@given(
    meter=meters,
    level=st.sampled_from(LEVELS),
    content_type=st.sampled_from(CONTENT_TYPES),
    piece_id=piece_ids,
    limit=limits,
    now=instants,
)
def test_subscriber_always_reads_in_full_without_a_meter(
    meter, level, content_type, piece_id, limit, now
):
    decision = decide(
        entitlements=Entitlements(content_types=frozenset(CONTENT_TYPES)),
        level=level,
        content_type=content_type,
        meter=meter,
        piece_id=piece_id,
        limit=limit,
        now=now,
    )
    assert decision.full
    assert decision.reason == SUBSCRIBER
    assert decision.free_left is None
    assert not decision.counts_read


@given(meter=meters, piece_id=piece_ids, limit=limits, now=instants, level=st.sampled_from(LEVELS))
def test_staff_always_read_in_full_without_a_meter(meter, piece_id, limit, now, level):
    decision = decide(
        entitlements=NOTHING,
        level=level,
        content_type="article",
        meter=meter,
        piece_id=piece_id,
        limit=limit,
        now=now,
        is_staff=True,
    )
    assert (decision.full, decision.reason, decision.free_left) == (True, STAFF, None)


@given(
    meter=meters,
    piece_id=piece_ids,
    limit=limits,
    now=instants,
    covered=st.frozensets(st.sampled_from(CONTENT_TYPES)),
    level=st.sampled_from(["subscribers", "", "something-unknown"]),
)
def test_subscribers_only_is_never_full_without_an_entitlement(
    meter, piece_id, limit, now, covered, level
):
    entitlements = Entitlements(content_types=covered - {"blog_post"})
    decision = decide(
        entitlements=entitlements,
        level=level,
        content_type="blog_post",
        meter=meter,
        piece_id=piece_id,
        limit=limit,
        now=now,
    )
    assert not decision.full
    assert decision.reason == SUBSCRIBERS_ONLY
    assert not decision.counts_read


@given(meter=meters, piece_id=piece_ids, limit=limits, now=instants)
def test_free_piece_is_full_for_everyone_and_uses_no_quota(meter, piece_id, limit, now):
    decision, after = read(meter, piece_id, now, limit, level="free")
    assert decision.full
    assert decision.free_left is None
    assert after == meter


@given(meter=meters, piece_id=piece_ids, limit=limits, now=instants)
def test_free_left_never_negative_and_adds_up(meter, piece_id, limit, now):
    decision, _ = read(meter, piece_id, now, limit)
    assert decision.free_left >= 0
    if decision.used <= limit:
        assert decision.free_left + decision.used == limit


def test_fourth_piece_in_a_month_is_a_teaser_with_three_free():
    now = dt.datetime(2026, 11, 10, 12, tzinfo=UTC)
    meter = EMPTY_METER
    lefts = []
    for piece_id in (1, 2, 3):
        decision, meter = read(meter, piece_id, now, 3)
        lefts.append(decision.free_left)
    assert lefts == [2, 1, 0]
    decision, after = read(meter, 4, now, 3)
    assert (decision.full, decision.reason, decision.free_left) == (False, QUOTA_REACHED, 0)
    assert after == meter


@given(a=meters, b=meters, limit=limits, now=instants)
@settings(max_examples=300)
def test_login_merge_keeps_the_larger_use_and_never_adds_reads(a, b, limit, now):
    merged = merge_meters(a, b, limit=limit, now=now)
    ca, cb = meter_for_month(a, now), meter_for_month(b, now)
    if ca.month == cb.month:
        larger = ca if ca.used >= cb.used else cb
        assert larger.read_ids <= merged.read_ids
        assert merged.read_ids <= ca.read_ids | cb.read_ids
        assert merged.used <= max(limit, ca.used, cb.used)
    else:
        assert merged == max(ca, cb, key=lambda m: m.month)
    assert merge_meters(b, a, limit=limit, now=now).used == merged.used
