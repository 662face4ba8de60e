"""One person's reports count once, whatever the site stores about addresses."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from utgivare.comments import moderating, posting, privacy
from utgivare.comments.models import CommentReport
from utgivare.comments.moderation import Reporter, same_reporter
from utgivare.comments.privacy import IpPolicy, reporter_hash

from .factories import CommentFactory, comment_settings, make_user

POLICIES = [IpPolicy.NONE, IpPolicy.HASH, IpPolicy.STORE]


def report_from(address, comment, user=None):
    """A report from a browser without cookies (a new client each time)."""
    client = Client(REMOTE_ADDR=address)
    if user is not None:
        client.force_login(user)
    response = client.post(f"/kommentarer/k/{comment.pk}/anmal/", {"reason": "abuse"})
    assert response.status_code == 200
    return response


@pytest.fixture
def disputed(article):
    return CommentFactory(page=article, text="Kommentaren som någon vill få bort.")


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("times", [2, 3, 5])
def test_cookieless_reports_from_one_address_count_once(site, disputed, policy, times):
    comment_settings(site, ip_policy=policy, report_threshold=2)
    for _ in range(times):
        report_from("198.51.100.23", disputed)
    disputed.refresh_from_db()
    assert disputed.open_reports == 1
    assert not disputed.hidden_for_review


@pytest.mark.parametrize("policy", POLICIES)
def test_reports_from_different_addresses_each_count(site, disputed, policy):
    comment_settings(site, ip_policy=policy, report_threshold=3)
    for address in ("198.51.100.1", "198.51.100.2", "2001:db8:1::5"):
        report_from(address, disputed)
    disputed.refresh_from_db()
    assert disputed.open_reports == 3
    assert disputed.hidden_for_review


@pytest.mark.parametrize("policy", POLICIES)
def test_addresses_in_one_ipv6_network_count_as_one_reader(site, disputed, policy):
    comment_settings(site, ip_policy=policy)
    report_from("2001:db8:7::1", disputed)
    report_from("2001:db8:7::beef", disputed)
    disputed.refresh_from_db()
    assert disputed.open_reports == 1


def test_two_accounts_behind_one_address_are_two_readers(site, disputed):
    comment_settings(site, ip_policy=IpPolicy.NONE)
    report_from("198.51.100.40", disputed, user=make_user())
    report_from("198.51.100.40", disputed, user=make_user())
    disputed.refresh_from_db()
    assert disputed.open_reports == 2


def test_a_reader_counts_once_logged_in_and_logged_out(site, disputed):
    comment_settings(site, ip_policy=IpPolicy.NONE)
    reader = make_user()
    report_from("198.51.100.41", disputed, user=reader)
    report_from("198.51.100.41", disputed)
    report_from("198.51.100.99", disputed, user=reader)
    disputed.refresh_from_db()
    assert disputed.open_reports == 1


def test_reporter_hash_matches_nothing_else_that_is_stored(site, article, disputed):
    comment_settings(site, ip_policy=IpPolicy.HASH)
    other = CommentFactory(page=article)
    report_from("198.51.100.50", disputed)
    report_from("198.51.100.50", other)
    first, second = CommentReport.objects.order_by("pk").values_list("reporter_ip_hash", flat=True)
    assert first and second and first != second
    assert "198.51.100.50" not in first
    assert first != privacy.ip_hash("198.51.100.50", posting.ip_key())


def test_reporter_hashes_are_purged_after_a_week_even_when_no_ips_are_kept(site, disputed):
    comment_settings(site, ip_policy=IpPolicy.NONE, ip_retention_days=365)
    report_from("198.51.100.60", disputed)
    report_from("198.51.100.61", disputed)
    old, recent = CommentReport.objects.order_by("pk")
    CommentReport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=privacy.REPORTER_HASH_DAYS, minutes=1)
    )
    call_command("purge_comment_ips", verbosity=0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.reporter_ip_hash == ""
    assert recent.reporter_ip_hash


def test_a_moderators_decision_forgets_the_reporters_hashes(site, disputed):
    comment_settings(site, ip_policy=IpPolicy.NONE)
    report_from("198.51.100.70", disputed)
    moderator = make_user(is_superuser=True)
    moderating.moderate([disputed.pk], "approve", actor=moderator, now=timezone.now())
    assert list(CommentReport.objects.values_list("reporter_ip_hash", flat=True)) == [""]
    # Once reviewed, a new report from the same reader counts again.
    report_from("198.51.100.70", disputed)
    disputed.refresh_from_db()
    assert disputed.open_reports == 1


@pytest.mark.parametrize("policy", POLICIES)
def test_privacy_page_says_what_a_report_stores_under_every_policy(client, site, policy):
    comment_settings(site, ip_policy=policy)
    swedish = " ".join(client.get("/integritet/").content.decode().split())
    assert "När du anmäler en kommentar sparar vi en nyckelkodad kontrollsumma" in swedish
    assert f"senast efter {privacy.REPORTER_HASH_DAYS} dagar" in swedish
    client.cookies["django_language"] = "en"
    english = " ".join(client.get("/integritet/").content.decode().split())
    assert "When you report a comment, we keep a keyed checksum (hash)" in english
    assert f"at most after {privacy.REPORTER_HASH_DAYS} days" in english


def test_report_form_says_what_a_report_stores(client, disputed):
    page = " ".join(client.get(f"/kommentarer/k/{disputed.pk}/anmal/").content.decode().split())
    assert "raderas när en moderator har granskat anmälan" in page


# --- The rule itself ---------------------------------------------------------------

addresses = st.sampled_from(["a", "b", "c", "d"])
reports = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(1, 4)), addresses), min_size=1, max_size=12
)


def counted(sequence):
    """Store each report unless it repeats an open one, as reports.report_comment does."""
    kept = []
    for account, address in sequence:
        new = Reporter(account, address)
        if not any(same_reporter(new, earlier) for earlier in kept):
            kept.append(new)
    return kept


@given(reports)
def test_cookieless_reports_count_once_per_address(sequence):
    anonymous = [(None, address) for _account, address in sequence]
    assert len(counted(anonymous)) == len({address for _none, address in anonymous})


@given(reports)
def test_no_one_counts_more_than_once(sequence):
    kept = counted(sequence)
    accounts = [r.account_id for r in kept if r.account_id]
    assert len(accounts) == len(set(accounts))
    anonymous = [r.address_hash for r in kept if not r.account_id]
    assert len(anonymous) == len(set(anonymous))
    # Nobody without an account counts beside someone at the same address.
    for r in kept:
        if not r.account_id:
            assert [k.address_hash for k in kept].count(r.address_hash) == 1


@given(st.ip_addresses(), st.integers(1, 10**6), st.integers(1, 10**6))
def test_reporter_hash_is_per_comment_and_per_network(address, first, second):
    key = b"k" * 32
    assert reporter_hash(str(address), key, first) == reporter_hash(str(address), key, first)
    if first != second:
        assert reporter_hash(str(address), key, first) != reporter_hash(str(address), key, second)
    assert reporter_hash(str(address), key, first) != reporter_hash(str(address), b"x" * 32, first)


def test_unreadable_addresses_count_as_one_reader():
    key = b"k" * 32
    assert reporter_hash("", key, 1) == reporter_hash("not an address", key, 1)
    assert reporter_hash("", key, 1)
