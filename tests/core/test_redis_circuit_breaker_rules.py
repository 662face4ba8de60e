"""The rules that keep a Redis outage from costing every request a timeout."""

from hypothesis import given
from hypothesis import strategies as st

from utgivare.core.cache import PendingInvalidation, should_try_redis

# Whole seconds keep the arithmetic exact; the rule does not care about units.
seconds = st.integers(min_value=0, max_value=10**9)
cooldowns = st.integers(min_value=1, max_value=3600)


@given(now=seconds, cooldown=cooldowns)
def test_redis_is_used_while_nothing_has_failed(now, cooldown):
    assert should_try_redis(None, now, cooldown)


@given(failed=seconds, waited=seconds, cooldown=cooldowns)
def test_after_a_failure_redis_is_left_alone_for_the_cooldown_then_tried_again(
    failed, waited, cooldown
):
    if waited < cooldown:
        assert not should_try_redis(failed, failed + waited, cooldown)
    else:
        assert should_try_redis(failed, failed + waited, cooldown)


@given(failed=seconds, cooldown=cooldowns, earlier=seconds, later=seconds)
def test_once_redis_is_tried_again_it_stays_tried_as_time_passes(failed, cooldown, earlier, later):
    first, second = sorted((failed + earlier, failed + earlier + later))
    if should_try_redis(failed, first, cooldown):
        assert should_try_redis(failed, second, cooldown)


def test_keys_written_during_an_outage_are_remembered_for_recovery():
    pending = PendingInvalidation(limit=10)
    pending.add([("session:a", 1), ("menu", 1)])
    pending.add([("menu", 1)])
    assert pending.keys == {("session:a", 1), ("menu", 1)}
    assert not pending.everything


@given(keys=st.sets(st.text(max_size=5), min_size=1, max_size=40), limit=st.integers(0, 20))
def test_too_many_keys_turn_into_clearing_the_whole_prefix(keys, limit):
    pending = PendingInvalidation(limit=limit)
    pending.add((key, 1) for key in keys)
    if len(keys) > limit:
        assert pending.everything
        assert pending.keys == set()
    else:
        assert pending.keys == {(key, 1) for key in keys}


def test_a_cleared_cache_during_an_outage_clears_the_prefix_on_recovery():
    pending = PendingInvalidation(limit=10)
    pending.add([("menu", 1)])
    pending.wipe()
    pending.add([("later", 1)])
    assert pending.everything
    assert not pending.is_empty()
