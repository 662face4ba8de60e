"""A logged-in reader's user row, subscriptions and meter are kept between requests
(core.reader_cache), and every change to them counts from the next request: an
ended subscription stops unlocking, a new one unlocks, a password changed elsewhere
or a deactivated account logs the reader out, the meter counts every new read once."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.paywall.conftest import make_user
from tests.paywall.helpers import NOVEMBER, PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner, box
from utgivare.core import page_cache, reader_cache
from utgivare.core.models import CacheTag
from utgivare.subscriptions.choices import Status
from utgivare.subscriptions.lifecycle import Actor, change_manual, register_manual
from utgivare.subscriptions.models import Plan

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def kept_between_requests():
    # The reader's rows are kept only with the page cache on, as in production.
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    page_cache._memo.clear()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def full(page_html) -> bool:
    return PAYWALLED_SENTENCES[0] in page_html


def logged_in_nav(page_html) -> bool:
    nav = BeautifulSoup(page_html, "html.parser").select_one(".account-nav")
    return "Logga ut" in nav.get_text()


def subscribe(user, *, end=dt.date(2027, 10, 31), plan=None):
    return register_manual(
        user=user,
        plan=plan or Plan.objects.create(name="Helår", price_ore=119000, interval="year"),
        source="manual",
        start=dt.date(2026, 11, 1),
        end=end,
        actor=Actor("staff"),
        now=NOVEMBER,
    )


def test_a_warm_logged_in_read_loads_no_user_subscription_or_meter_row(articles, reader):
    client = logged_in(reader)
    read(client, articles[0])
    read(client, articles[0])
    with CaptureQueriesContext(connection) as captured:
        page = read(client, articles[0])
    assert full(page) and banner(page).startswith("Du har 2 av 3")
    tables = " ".join(query["sql"] for query in captured)
    for table in ("auth_user", "subscriptions_subscription", "paywall_accountmeter"):
        assert table not in tables


def test_a_warm_logged_in_read_asks_the_database_once(articles, reader):
    """The reader's versions come with the content version, in one statement."""
    client = logged_in(reader)
    read(client, articles[0])
    read(client, articles[0])
    with CaptureQueriesContext(connection) as captured:
        read(client, articles[0])
    statements = [query["sql"] for query in captured]
    with_versions = [sql for sql in statements if "core_cachetag" in sql]
    assert len(with_versions) == 1 and "core_contentversion" in with_versions[0]
    assert not any("core_contentversion" in sql for sql in statements if sql not in with_versions)


def test_a_session_remembered_as_another_readers_is_read_as_its_own(paid_article, reader):
    """Each process remembers whose a session key was, to read that reader's versions
    and rows early; the session itself decides whose they are. (Here the other
    reader's version is the one this reader's rows were kept under before they
    subscribed: used for this reader, it would bring back their old rows.)"""
    mine = logged_in(reader)
    assert not full(read(mine, paid_article))
    assert not full(read(mine, paid_article))  # from rows kept under `before`
    before, _shared = reader_cache._versions(reader.pk)
    subscribe(reader)
    other = make_user()
    CacheTag.objects.update_or_create(
        name=reader_cache.reader_tag(other.pk), defaults={"version": before}
    )
    session_key = mine.cookies["sessionid"].value
    reader_cache._session_users[session_key] = other.pk
    assert full(read(mine, paid_article))
    assert reader_cache._session_users[session_key] == reader.pk


def test_a_subscription_ended_by_staff_stops_unlocking_at_once(paid_article, clock):
    user = make_user()
    subscription = subscribe(user)
    client = logged_in(user)
    assert full(read(client, paid_article))
    assert full(read(client, paid_article))  # from the kept rows
    change_manual(
        subscription,
        plan=subscription.plan,
        status=Status.EXPIRED,
        end=dt.date(2026, 11, 9),
        note="",
        actor=Actor("staff"),
        now=NOVEMBER,
    )
    page = read(client, paid_article)
    assert not full(page) and box(page) is not None


def test_a_subscription_running_out_stops_unlocking_on_time(paid_article, clock):
    user = make_user()
    subscribe(user, end=dt.date(2026, 11, 15))
    client = logged_in(user)
    assert full(read(client, paid_article))
    clock.now = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)  # nothing stored changed
    assert not full(read(client, paid_article))


def test_a_new_subscription_unlocks_at_once(paid_article, reader):
    client = logged_in(reader)
    assert not full(read(client, paid_article))
    subscribe(reader)
    assert full(read(client, paid_article))


def test_a_plan_that_no_longer_includes_articles_stops_unlocking_at_once(paid_article, clock):
    user = make_user()
    subscription = subscribe(user)
    client = logged_in(user)
    assert full(read(client, paid_article))
    plan = subscription.plan
    plan.includes_articles = False
    plan.save()
    assert not full(read(client, paid_article))


def test_the_meter_counts_each_new_read_once_with_the_rows_kept(articles, reader):
    client = logged_in(reader)
    assert banner(read(client, articles[0])).startswith("Du har 2 av 3")
    assert banner(read(client, articles[0])).startswith("Du har 2 av 3")  # a re-read
    assert banner(read(client, articles[1])).startswith("Du har 1 av 3")
    assert banner(read(client, articles[2])).startswith("Du har 0 av 3")
    assert full(read(client, articles[1]))  # read this month: stays open
    over = read(client, articles[3])
    assert not full(over) and box(over) is not None
    # The same account on another device: the same meter.
    other_device = logged_in(reader)
    assert not full(read(other_device, articles[4]))
    assert full(read(other_device, articles[0]))


def password_login(user):
    """Logged in through the login form (allauth's backend names the session)."""
    client = Client()
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    for name in [name for name, morsel in client.cookies.items() if not morsel.value]:
        del client.cookies[name]
    client.cookies.pop("messages", None)
    return client


def test_a_password_changed_elsewhere_logs_this_session_out_at_once(articles):
    user = make_user()
    phone, laptop = password_login(user), password_login(user)
    assert logged_in_nav(read(phone, articles[0]))
    assert logged_in_nav(read(phone, articles[0]))  # the user row from the cache
    user.set_password("a new and much longer passphrase")
    user.save()
    page = read(phone, articles[0])
    assert not logged_in_nav(page)
    assert not logged_in_nav(read(laptop, articles[0]))


def test_a_logged_out_session_is_not_honoured(articles):
    user = make_user()
    client = password_login(user)
    assert logged_in_nav(read(client, articles[0]))
    session_cookie = client.cookies["sessionid"].value
    client.post("/konto/logout/")
    replayed = Client()
    replayed.cookies["sessionid"] = session_cookie
    assert not logged_in_nav(read(replayed, articles[0]))


def test_a_deactivated_reader_is_logged_out_at_once(articles, reader):
    client = logged_in(reader)
    assert logged_in_nav(read(client, articles[0]))
    reader.is_active = False
    reader.save()
    assert not logged_in_nav(read(client, articles[0]))


def test_a_reader_made_staff_reads_as_staff_at_once(articles, reader):
    client = logged_in(reader)
    for article in articles[:3]:
        read(client, article)
    assert not full(read(client, articles[3]))
    reader.is_staff = True
    reader.save()
    page = read(client, articles[3])
    assert full(page) and banner(page) is None
