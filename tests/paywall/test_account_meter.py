"""Logged-in readers: the meter lives on the account and is merged with the anonymous one."""

from tests.paywall.helpers import PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner, box
from utgivare.core import personal_data
from utgivare.paywall.meters import COOKIE_NAME
from utgivare.paywall.models import AccountMeter


def log_in_on(client, user, login_url="/konto/login/"):
    """Log in through the real login form, as a reader does."""
    response = client.post(login_url, {"login": user.email, "password": "correct horse battery"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_meter_follows_logged_in_reader_to_another_device(
    client, django_user_model, articles, reader
):
    laptop, phone = client, client.__class__()
    laptop.force_login(reader)
    phone.force_login(reader)
    read(laptop, articles[0])
    read(laptop, articles[1])
    assert banner(read(phone, articles[2])).startswith("Du har 0 av 3")
    page = read(phone, articles[3])
    assert box(page) is not None
    assert PAYWALLED_SENTENCES[0] not in page


def test_logged_in_reader_at_quota_is_not_asked_to_log_in(client, articles, reader):
    client.force_login(reader)
    for article in articles[:3]:
        read(client, article)
    paywall = box(read(client, articles[3]))
    assert paywall.find("a", string="Prenumerera") is not None
    assert "Redan prenumerant?" not in paywall.get_text()


def test_login_adds_anonymous_reads_to_the_account(client, articles, reader):
    phone = client.__class__()
    phone.force_login(reader)
    read(phone, articles[0])

    read(client, articles[1])
    read(client, articles[2])
    log_in_on(client, reader)

    assert AccountMeter.objects.get(user=reader).piece_ids == sorted(a.pk for a in articles[:3])
    assert box(read(client, articles[3])) is not None
    assert PAYWALLED_SENTENCES[0] in read(client, articles[1])


def test_login_merge_never_gives_more_than_the_monthly_free_articles(client, articles, reader):
    phone = client.__class__()
    phone.force_login(reader)
    for article in articles[:3]:
        read(phone, article)

    for article in articles[2:5]:
        read(client, article)
    log_in_on(client, reader)

    assert len(AccountMeter.objects.get(user=reader).piece_ids) == 3
    opened = [PAYWALLED_SENTENCES[0] in read(client, article) for article in articles]
    assert opened.count(True) == 3


def test_login_with_a_fuller_anonymous_meter_keeps_the_anonymous_use(client, articles, reader):
    for article in articles[:3]:
        read(client, article)
    log_in_on(client, reader)
    assert box(read(client, articles[3])) is not None
    assert PAYWALLED_SENTENCES[0] in read(client, articles[0])


def test_staff_never_see_the_meter(client, articles, paid_article, staff):
    client.force_login(staff)
    for page in [*articles, paid_article]:
        html = read(client, page)
        assert PAYWALLED_SENTENCES[2] in html
        assert banner(html) is None
        assert box(html) is None
    assert not AccountMeter.objects.filter(user=staff).exists()


def test_subscribers_never_see_the_meter(client, articles, paid_article, subscriber):
    client.force_login(subscriber)
    for page in [*articles, paid_article]:
        html = read(client, page)
        assert PAYWALLED_SENTENCES[2] in html
        assert banner(html) is None
        assert box(html) is None
    assert not AccountMeter.objects.filter(user=subscriber).exists()


def test_subscriber_gets_no_meter_cookie(client, articles, subscriber):
    client.force_login(subscriber)
    response = client.get(articles[0].url)
    assert COOKIE_NAME not in response.cookies


def test_logging_in_from_the_paywall_box_returns_to_the_same_article(client, articles, reader):
    for article in articles[:3]:
        read(client, article)
    login_url = box(read(client, articles[3])).find("a", string="Logga in")["href"]
    response = log_in_on(client, reader, login_url)
    assert response["Location"] == articles[3].url


def test_reader_can_download_and_erase_their_meter(client, articles, reader):
    client.force_login(reader)
    read(client, articles[0])
    (paywall_data,) = [h for h in personal_data.handlers() if h.name == "paywall"]
    assert paywall_data.export(reader) == {
        "month": "2026-11",
        "read_this_month": [{"id": articles[0].pk, "title": articles[0].title}],
    }
    paywall_data.erase(reader)
    assert not AccountMeter.objects.filter(user=reader).exists()


def test_new_month_replaces_the_stored_meter(client, articles, reader, clock):
    client.force_login(reader)
    read(client, articles[0])
    clock.now = clock.now.replace(month=12)
    read(client, articles[1])
    row = AccountMeter.objects.get(user=reader)
    assert (row.month, row.piece_ids) == ("2026-12", [articles[1].pk])
