"""The media layer's rules, without a database: Range, signed addresses, counting."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from utgivare.media import downloads, signing
from utgivare.media.access import may_fetch, subject_for
from utgivare.media.ranges import UNSATISFIABLE, WHOLE, ByteRange, requested_range
from utgivare.paywall import access as paywall_access
from utgivare.paywall.gate import Access
from utgivare.paywall.levels import AccessLevel

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def test_single_suffix_open_and_impossible_ranges():
    assert requested_range("bytes=0-99", 1000) == ByteRange(0, 99)
    assert requested_range("bytes=900-", 1000) == ByteRange(900, 999)
    assert requested_range("bytes=-100", 1000) == ByteRange(900, 999)
    assert requested_range("bytes=-5000", 1000) == ByteRange(0, 999)
    assert requested_range("bytes=990-5000", 1000) == ByteRange(990, 999)
    assert requested_range("bytes=1000-", 1000) == UNSATISFIABLE
    assert requested_range("bytes=-0", 1000) == UNSATISFIABLE
    assert requested_range(None, 1000) == WHOLE
    assert requested_range("bytes=0-1,5-9", 1000) == WHOLE
    assert requested_range("items=0-1", 1000) == WHOLE
    assert requested_range("bytes=9-1", 1000) == WHOLE


@settings(max_examples=60)
@given(st.text(max_size=30), st.integers(min_value=1, max_value=10**9))
def test_any_range_header_gives_bytes_inside_the_file(header, size):
    answer = requested_range(header, size)
    if isinstance(answer, ByteRange):
        assert 0 <= answer.first <= answer.last < size


def test_a_signed_address_is_refused_once_changed_or_expired():
    token = signing.sign(7, "u42", NOW + dt.timedelta(hours=1))
    assert signing.verify(token, NOW) == signing.Grant(7, "u42", int(NOW.timestamp()) + 3600)
    file_id, subject, stamp, signature = token.split(".")
    assert signing.verify(f"8.{subject}.{stamp}.{signature}", NOW) is None
    assert signing.verify(f"{file_id}.u43.{stamp}.{signature}", NOW) is None
    assert signing.verify(f"{file_id}.{subject}.{int(stamp) + 3600}.{signature}", NOW) is None
    assert signing.verify(f"{file_id}.{subject}.0.{signature}", NOW) is None
    assert signing.verify(token, NOW + dt.timedelta(hours=1)) is None
    assert signing.verify("nonsense", NOW) is None
    assert signing.verify(signing.sign(7, "p", None), NOW + dt.timedelta(days=3650))
    # Only public addresses are made without an expiry; a forged one is refused.
    forged = signing.sign(7, "p", None).replace(".p.", ".m.")
    assert signing.verify(forged, NOW) is None


def test_who_may_fetch_what():
    assert may_fetch(subject="p", level="free", covered=False, is_staff=False).allowed
    assert not may_fetch(subject="p", level="metered", covered=False, is_staff=False).allowed
    assert not may_fetch(subject="p", level="subscribers", covered=False, is_staff=False).allowed
    assert may_fetch(subject="m", level="metered", covered=False, is_staff=False).allowed
    assert not may_fetch(subject="m", level="subscribers", covered=False, is_staff=False).allowed
    assert may_fetch(subject="u1", level="subscribers", covered=True, is_staff=False).allowed
    assert may_fetch(subject="u1", level="subscribers", covered=False, is_staff=True).allowed
    # A subscriber's copied address stops when the subscription does.
    assert not may_fetch(subject="u1", level="subscribers", covered=False, is_staff=False).allowed
    assert not may_fetch(subject="u1", level="metered", covered=False, is_staff=False).allowed


class Reader:
    def __init__(self, pk, is_authenticated):
        self.pk, self.is_authenticated = pk, is_authenticated


READ_REASONS = [
    paywall_access.SUBSCRIBER,
    paywall_access.STAFF,
    paywall_access.METERED,
    paywall_access.REREAD,
]


@given(
    level=st.sampled_from([AccessLevel.METERED, AccessLevel.SUBSCRIBERS]),
    reason=st.sampled_from(READ_REASONS),
    logged_in=st.booleans(),
    user_id=st.integers(min_value=1, max_value=10**6),
)
def test_the_address_a_page_hands_out_opens_its_file_and_only_a_reader_gets_one(
    level, reason, logged_in, user_id
):
    # Podcasts and web-TV hand out addresses by one rule; whatever the gate let a
    # reader read, the file address they are given must fetch (no player that plays
    # nothing), and a subscriber's address names their account.
    if level == AccessLevel.SUBSCRIBERS and reason in (
        paywall_access.METERED,
        paywall_access.REREAD,
    ):
        reason = paywall_access.SUBSCRIBER  # the meter never opens a subscribers-only piece
    reader = Reader(user_id, logged_in)
    page_access = Access(full=True, reason=reason, is_accessible_for_free=False)
    subject = subject_for(page_access, reader)
    covered = reason == paywall_access.SUBSCRIBER
    if reason in (paywall_access.SUBSCRIBER, paywall_access.STAFF) and logged_in:
        assert subject == f"u{user_id}"
    fetch = may_fetch(
        subject=subject, level=level, covered=covered, is_staff=reason == paywall_access.STAFF
    )
    assert fetch.allowed or not logged_in
    assert (
        subject_for(Access(full=False, reason=reason, is_accessible_for_free=False), reader) is None
    )
    assert subject_for(Access(), reader) == "p"


def test_a_download_needs_a_minute_of_audio_and_counts_once_a_day():
    # 32 kbit/s: a minute is 240,000 bytes.
    facts = {"size": 2_000_000, "bitrate": 32000, "duration": 500.0}
    assert downloads.is_download_sized(bytes_requested=240_000, **facts)
    assert not downloads.is_download_sized(bytes_requested=2, **facts)
    assert not downloads.is_download_sized(bytes_requested=239_999, **facts)
    # A file shorter than a minute counts when it is fetched whole.
    assert downloads.is_download_sized(
        bytes_requested=100_000, size=100_000, bitrate=32000, duration=25.0
    )
    assert downloads.is_new_download(None, NOW)
    assert not downloads.is_new_download(NOW - dt.timedelta(hours=23), NOW)
    assert downloads.is_new_download(NOW - dt.timedelta(hours=24), NOW)


def test_the_listener_key_holds_no_address():
    key = downloads.listener_key("203.0.113.9", "AntennaPod/3.4")
    assert "203.0.113" not in key and len(key) == 20
    assert key == downloads.listener_key("203.0.113.9", "AntennaPod/3.4")
    assert key != downloads.listener_key("203.0.113.9", "Overcast/1.0")
    assert key != downloads.listener_key("203.0.113.10", "AntennaPod/3.4")


def test_with_s3_the_file_is_a_redirect_to_a_short_lived_presigned_address():
    from types import SimpleNamespace

    from utgivare.media import serving

    asked = {}

    class FakeS3:
        bucket_name = "utgivare"
        querystring_auth = True

        def url(self, name, parameters=None, expire=None):
            asked.update(name=name, parameters=parameters, expire=expire)
            return f"https://s3.example/{name}?X-Amz-Expires={expire}&X-Amz-Signature=abc"

    media_file = SimpleNamespace(
        mime_type="audio/mpeg", file=SimpleNamespace(name="audio/x.mp3", storage=FakeS3())
    )
    assert serving.signs_its_own_urls(media_file.file.storage)
    response = serving.presigned_redirect(media_file)
    assert response.status_code == 302
    assert response["Location"].startswith("https://s3.example/audio/x.mp3?")
    assert asked["expire"] == serving.PRESIGNED_SECONDS <= 600
    assert asked["parameters"] == {"ResponseContentType": "audio/mpeg"}
    assert "no-store" in response["Cache-Control"]
    assert not serving.signs_its_own_urls(SimpleNamespace(location="/var/media"))
