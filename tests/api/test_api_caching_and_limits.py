"""Who may keep an API answer, conditional GET, and the rate limit."""

import pytest
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st

from tests.api.conftest import bearer
from tests.paywall.conftest import make_user
from utgivare.api import limits

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_caching")]


def test_anonymous_answers_are_public_and_touch_no_session(api_site):
    client = Client()
    paid = api_site["articles"]["paid"]
    for url in ("/api/articles/", f"/api/articles/{paid.pk}/", "/api/issues/179/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=60"
        assert not response.cookies, url
        assert "Authorization" in response["Vary"]


def test_answers_to_a_key_are_private(api_site):
    response = Client().get("/api/articles/", **bearer(api_site["subscriber_key"]))
    assert response.status_code == 200
    directives = response["Cache-Control"]
    assert "private" in directives and "public" not in directives
    assert not response.cookies


def test_a_logged_in_browser_gets_the_anonymous_answer_kept_private(api_site):
    """The API reads no session: a subscriber's browser still needs the key for full text."""
    client = Client()
    client.force_login(make_user())
    response = client.get(f"/api/articles/{api_site['articles']['paid'].pk}/")
    assert response.json()["access"]["full_text"] is False
    assert "private" in response["Cache-Control"]


def test_an_unchanged_answer_is_304_and_a_changed_one_is_not(api_site):
    client = Client()
    first = client.get("/api/articles/")
    etag = first["ETag"]
    again = client.get("/api/articles/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == "public, max-age=60"
    assert client.get("/api/articles/", HTTP_IF_NONE_MATCH='"other", ' + etag).status_code == 304
    # Another page, another caller's view, or changed content: a new body and ETag.
    assert client.get("/api/articles/?page_size=1", HTTP_IF_NONE_MATCH=etag).status_code == 200
    keyed = client.get(
        "/api/articles/", HTTP_IF_NONE_MATCH=etag, **bearer(api_site["subscriber_key"])
    )
    assert keyed.status_code == 200 and keyed["ETag"] != etag
    metered = api_site["articles"]["metered"]
    metered.title = "Ny rubrik"
    metered.save_revision().publish()
    changed = client.get("/api/articles/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@override_settings(API_RATE_LIMIT_ANONYMOUS="3/m", API_RATE_LIMIT_KEY="5/m")
def test_callers_over_the_limit_get_429_with_retry_after(api_site):
    anonymous = Client(REMOTE_ADDR="192.0.2.10")
    assert [anonymous.get("/api/sections/").status_code for _ in range(4)] == [200] * 3 + [429]
    refused = anonymous.get("/api/sections/")
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "no-store"
    # Counted per address (another one is not held up) and per key.
    assert Client(REMOTE_ADDR="192.0.2.11").get("/api/sections/").status_code == 200
    keyed = [
        anonymous.get("/api/sections/", **bearer(api_site["reader_key"])).status_code
        for _ in range(6)
    ]
    assert keyed == [200] * 5 + [429]


def test_the_limit_counts_no_address_in_the_clear(api_site):
    identity = limits.caller_identity(None, "192.0.2.10")
    assert "192.0.2" not in identity and identity.startswith("ip")
    # One IPv6 household (a /64) is one caller.
    assert limits.caller_identity(None, "2001:db8::1") == limits.caller_identity(
        None, "2001:db8::ffff"
    )


@given(
    count=st.integers(min_value=1, max_value=10_000),
    requests=st.integers(min_value=1, max_value=1000),
    seconds=st.sampled_from([1, 60, 3600]),
    now=st.floats(min_value=0, max_value=4e9, allow_nan=False),
)
def test_rate_rule_allows_exactly_the_limit_and_says_when_to_retry(count, requests, seconds, now):
    decision = limits.decide(count, limits.Rate(requests, seconds), now)
    assert decision.allowed is (count <= requests)
    if not decision.allowed:
        assert 1 <= decision.retry_after <= seconds


@pytest.mark.parametrize("text", ["60", "0/m", "x/m", "60/w", ""])
def test_a_mistyped_rate_setting_fails_loudly(text):
    with pytest.raises(ValueError):
        limits.parse_rate(text)
