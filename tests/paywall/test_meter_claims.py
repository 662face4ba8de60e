"""Property tests for claiming a read (paywall.access.claim), no database.

The storage serialises claims under the meter's lock, but each request first
decides on the meter as it read it at its start, which may be stale by then.
These tests replay any interleaving of such requests against one stored meter.
"""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from utgivare.paywall.access import (
    METER_BUSY,
    Meter,
    claim,
    decide_metered,
    meter_busy,
    meter_for_month,
    month_key,
    record_read,
)

UTC = dt.UTC
NOVEMBER = dt.datetime(2026, 11, 10, 12, 0, tzinfo=UTC)

piece_ids = st.integers(min_value=1, max_value=15)
limits = st.integers(min_value=0, max_value=6)
instants = st.datetimes(
    min_value=dt.datetime(2026, 10, 25), max_value=dt.datetime(2026, 12, 5), timezones=st.just(UTC)
)


@st.composite
def interleavings(draw):
    """Parallel requests (piece, start and finish order) for one reader at one moment."""
    pieces = draw(st.lists(piece_ids, min_size=1, max_size=12))
    pending = [("start", i) for i in range(len(pieces))]
    started = set()
    order = []
    while pending:
        step = draw(st.sampled_from(pending))
        pending.remove(step)
        order.append(step)
        if step[0] == "start":
            started.add(step[1])
            pending.append(("finish", step[1]))
    return pieces, order


@given(requests=interleavings(), limit=limits, start=st.frozensets(piece_ids, max_size=6))
def test_parallel_requests_never_open_more_new_pieces_than_free_reads_left(requests, limit, start):
    pieces, order = requests
    month = month_key(NOVEMBER)
    stored = Meter(month=month, read_ids=frozenset(sorted(start)[:limit]))
    already = stored.read_ids
    seen_at_start = {}
    opened = set()
    for step, index in order:
        if step == "start":
            seen_at_start[index] = stored
            continue
        # What the gate does: decide on the meter it read, claim a new read under the lock.
        decision = decide_metered(
            meter=seen_at_start[index], piece_id=pieces[index], limit=limit, now=NOVEMBER
        )
        if decision.counts_read:
            decision, stored = claim(
                meter=stored, piece_id=pieces[index], limit=limit, now=NOVEMBER
            )
        assert stored.used <= limit
        if decision.full:
            opened.add(pieces[index])
            assert pieces[index] in stored.read_ids
    assert len(opened - already) <= limit - len(already)


@given(
    meter_ids=st.frozensets(piece_ids, max_size=8), piece_id=piece_ids, limit=limits, now=instants
)
def test_claim_decides_as_the_meter_does_and_stores_only_a_new_read(
    meter_ids, piece_id, limit, now
):
    meter = Meter(month="2026-11", read_ids=meter_ids)
    decision, after = claim(meter=meter, piece_id=piece_id, limit=limit, now=now)
    assert decision == decide_metered(meter=meter, piece_id=piece_id, limit=limit, now=now)
    if decision.counts_read:
        assert after == record_read(meter, piece_id, now)
        assert after.used <= limit
    else:
        assert after == meter_for_month(meter, now)


@given(limit=limits, now=instants)
def test_a_busy_meter_opens_nothing_and_counts_nothing(limit, now):
    decision = meter_busy(limit, now)
    assert not decision.full
    assert decision.reason == METER_BUSY
    assert not decision.counts_read
    assert not decision.exhausts_meter
