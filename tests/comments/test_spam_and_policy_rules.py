"""Spam checks and who may comment: pure rules."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from utgivare.comments.policy import (
    Commenter,
    ThreadClosing,
    WhoMayComment,
    may_comment,
    thread_is_closed,
)
from utgivare.comments.spam import check_form, check_rate

NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)


def test_filled_honeypot_is_refused():
    assert check_form(honeypot="http://spam", seconds_since_shown=60, min_seconds=3).reason == (
        "honeypot"
    )


def test_form_sent_too_fast_is_refused():
    assert check_form(honeypot="", seconds_since_shown=1, min_seconds=3).reason == "too_fast"


def test_form_without_valid_token_is_refused():
    assert check_form(honeypot="", seconds_since_shown=None, min_seconds=3).reason == (
        "missing_token"
    )


def test_person_who_took_their_time_passes():
    assert check_form(honeypot="", seconds_since_shown=40, min_seconds=3)


@given(
    ip=st.one_of(st.none(), st.integers(0, 20)),
    email=st.integers(0, 20),
    max_ip=st.integers(0, 10),
    max_email=st.integers(0, 10),
)
def test_rate_limits_refuse_exactly_at_the_limit(ip, email, max_ip, max_email):
    check = check_rate(
        recent_from_ip=ip, recent_from_email=email, max_per_ip=max_ip, max_per_email=max_email
    )
    over_ip = max_ip > 0 and ip is not None and ip >= max_ip
    over_email = max_email > 0 and email >= max_email
    assert check.ok == (not over_ip and not over_email)


def test_thread_closes_after_the_sites_number_of_days():
    published = NOW - dt.timedelta(days=31)
    assert thread_is_closed(closing="", published_at=published, close_after_days=30, now=NOW)
    assert not thread_is_closed(closing="", published_at=published, close_after_days=0, now=NOW)


def test_piece_setting_overrides_the_site():
    old = NOW - dt.timedelta(days=400)
    assert not thread_is_closed(
        closing=ThreadClosing.OPEN, published_at=old, close_after_days=30, now=NOW
    )
    assert thread_is_closed(
        closing=ThreadClosing.CLOSED, published_at=NOW, close_after_days=0, now=NOW
    )


def test_registered_only_refuses_guests():
    permission = may_comment(who=WhoMayComment.REGISTERED, commenter=Commenter(), closed=False)
    assert not permission and permission.reason == "login_required"
    assert may_comment(
        who=WhoMayComment.REGISTERED, commenter=Commenter(is_authenticated=True), closed=False
    )


def test_subscribers_only_refuses_other_readers():
    reader = Commenter(is_authenticated=True)
    assert may_comment(who=WhoMayComment.SUBSCRIBERS, commenter=reader, closed=False).reason == (
        "subscription_required"
    )
    subscriber = Commenter(is_authenticated=True, is_subscriber=True)
    assert may_comment(who=WhoMayComment.SUBSCRIBERS, commenter=subscriber, closed=False)


@given(who=st.sampled_from(list(WhoMayComment)), banned=st.booleans(), closed=st.booleans())
def test_moderators_may_always_write_and_nobody_else_in_a_closed_thread(who, banned, closed):
    assert may_comment(who=who, commenter=Commenter(True, True, True), closed=closed, banned=banned)
    reader = Commenter(is_authenticated=True, is_subscriber=True)
    if closed or banned:
        assert not may_comment(who=who, commenter=reader, closed=closed, banned=banned)
