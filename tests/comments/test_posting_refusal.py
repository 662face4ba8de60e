"""The checks before a comment is stored: spam traps, bans and rate limits, and who skips them."""

import datetime as dt

import pytest
from django.utils import timezone

from utgivare.comments import posting, privacy
from utgivare.comments.models import Ban, CommentSettings

from .factories import CommentFactory

NOW = timezone.now()
IP = "198.51.100.7"


def refusal(**overrides):
    values = {
        "honeypot": "",
        "seconds_since_shown": 60.0,
        "email": "granne@example.org",
        "ip": IP,
        "is_moderator": False,
        "comment_settings": CommentSettings(),
        "now": NOW,
    }
    values.update(overrides)
    return posting.refusal(**values)


def test_an_ordinary_post_is_not_refused(db):
    assert refusal() is None


@pytest.mark.parametrize("is_moderator", [False, True])
def test_the_hidden_field_filled_in_is_refused_even_for_a_moderator(db, is_moderator):
    refused = refusal(honeypot="http://spam.example", is_moderator=is_moderator)
    assert refused.reason == "honeypot"


def test_a_form_sent_too_fast_is_refused_with_a_reason_a_person_understands(db):
    refused = refusal(seconds_since_shown=0.5)
    assert refused.reason == "too_fast"
    assert "Vänta några sekunder" in str(refused.message)


def test_a_banned_address_is_refused_whatever_its_case(db):
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="troll@example.org")
    assert refusal(email=" Troll@Example.org ").reason == "banned"


def test_a_banned_ip_is_refused_under_any_address(db):
    Ban.objects.create(kind=Ban.Kind.IP_HASH, value=privacy.ip_hash(IP, posting.ip_key()))
    assert refusal(email="ny@example.org").reason == "banned"


def test_an_expired_ban_refuses_nothing(db):
    Ban.objects.create(
        kind=Ban.Kind.EMAIL, value="granne@example.org", expires_at=NOW - dt.timedelta(days=1)
    )
    assert refusal() is None


def test_the_address_over_its_limit_in_the_window_is_refused(article):
    for _ in range(5):
        CommentFactory(page=article, author_email="granne@example.org", created_at=NOW)
    assert refusal().reason == "rate_email"


def test_comments_before_the_window_do_not_count(article):
    for _ in range(5):
        CommentFactory(
            page=article,
            author_email="granne@example.org",
            created_at=NOW - dt.timedelta(hours=1),
        )
    assert refusal() is None


def test_a_moderator_is_neither_banned_nor_rate_limited(article):
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="mona@example.org")
    for _ in range(5):
        CommentFactory(page=article, author_email="mona@example.org", created_at=NOW)
    assert refusal(email="mona@example.org", is_moderator=True) is None
