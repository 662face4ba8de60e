"""Bad meter cookies: the reader gets a sane page, never a 500, never more free reads."""

import time
from unittest import mock

from django.core import signing

from tests.paywall.helpers import PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner, box
from utgivare.paywall import meters
from utgivare.paywall.meters import COOKIE_NAME, COOKIE_SALT


def use_quota(client, articles):
    for article in articles[:3]:
        read(client, article)
    return client.cookies[COOKIE_NAME].value


def opens_in_full(client, article):
    return PAYWALLED_SENTENCES[0] in read(client, article)


def test_garbage_cookie_gives_a_fresh_meter_and_is_replaced(client, articles):
    client.cookies[COOKIE_NAME] = "not-a-meter"
    response = client.get(articles[0].url)
    assert response.status_code == 200
    assert banner(response.content.decode()).startswith("Du har 2 av 3")
    assert meters.decode_cookie(response.cookies[COOKIE_NAME].value) is not None


def test_garbage_cookie_still_allows_only_three_free_articles(client, articles):
    client.cookies[COOKIE_NAME] = "2026-11~AAAAAAAAAAAA~:forged:signature"
    opened = [opens_in_full(client, article) for article in articles]
    assert opened == [True, True, True, False, False]


def test_edited_cookie_is_tied_to_the_reads_it_claims(client, articles):
    value = use_quota(client, articles)
    payload, timestamp, signature = value.rsplit(":", 2)
    month, meter_id, _ids = payload.split("~")
    client.cookies[COOKIE_NAME] = f"{month}~{meter_id}~:{timestamp}:{signature}"
    assert not opens_in_full(client, articles[3])
    assert box(read(client, articles[4])) is not None


def test_replaying_an_older_cookie_gives_no_new_free_articles(client, articles):
    read(client, articles[0])
    after_one = client.cookies[COOKIE_NAME].value
    read(client, articles[1])
    read(client, articles[2])
    client.cookies[COOKIE_NAME] = after_one
    assert not opens_in_full(client, articles[3])


def test_expired_cookie_is_still_tied_to_its_reads(client, articles):
    value = use_quota(client, articles)
    payload = signing.TimestampSigner(salt=COOKIE_SALT).unsign(value)
    long_ago = time.time() - meters.COOKIE_MAX_AGE - 3600
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        client.cookies[COOKIE_NAME] = signing.TimestampSigner(salt=COOKIE_SALT).sign(payload)
    assert meters.decode_cookie(client.cookies[COOKIE_NAME].value) is None
    assert not opens_in_full(client, articles[3])


def test_cookie_signed_with_another_sites_secret_is_not_trusted(client, articles, settings):
    foreign = signing.TimestampSigner(key="another-site's-secret", salt=COOKIE_SALT)
    client.cookies[COOKIE_NAME] = foreign.sign("2026-11~BBBBBBBBBBBB~")
    response = client.get(articles[0].url)
    assert response.status_code == 200
    replaced = meters.decode_cookie(response.cookies[COOKIE_NAME].value)
    assert replaced is not None
    assert replaced[0] != "BBBBBBBBBBBB"
    opened = [opens_in_full(client, article) for article in articles[1:]]
    assert opened == [True, True, False, False]


def test_forged_cookie_from_a_later_month_gives_no_free_articles_now(client, articles):
    # A correctly signed meter from the future (the server clock went back): kept.
    client.cookies[COOKIE_NAME] = meters.encode_cookie(
        "CCCCCCCCCCCC", meters.Meter(month="2026-12", read_ids=frozenset({1, 2, 3}))
    )
    assert not opens_in_full(client, articles[0])


def test_huge_cookie_gives_a_sane_page(client, articles):
    client.cookies[COOKIE_NAME] = "A" * 50_000
    response = client.get(articles[0].url)
    assert response.status_code == 200
    assert banner(response.content.decode()).startswith("Du har 2 av 3")


def test_signed_cookie_with_too_many_reads_is_rejected(client, articles):
    ids = ".".join(str(i) for i in range(1, 500))
    client.cookies[COOKIE_NAME] = signing.TimestampSigner(salt=COOKIE_SALT).sign(
        f"2026-11~DDDDDDDDDDDD~{ids}"
    )
    response = client.get(articles[0].url)
    assert response.status_code == 200


def test_malformed_cookie_header_gives_a_sane_page(client, articles):
    response = client.get(
        articles[0].url, HTTP_COOKIE=f'{COOKIE_NAME}="\\x00;;==;ä"; {COOKIE_NAME}=~~~:::'
    )
    assert response.status_code == 200
    assert PAYWALLED_SENTENCES[0] in response.content.decode()


def test_meter_cookie_is_http_only_and_lax(client, articles):
    response = client.get(articles[0].url)
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert len(cookie.value) < 200


def test_editing_the_replacement_cookie_again_gives_no_new_free_articles(client, articles):
    def strip_reads(value):
        payload, timestamp, signature = value.rsplit(":", 2)
        month, meter_id, _ids = payload.split("~")
        return f"{month}~{meter_id}~:{timestamp}:{signature}"

    value = use_quota(client, articles)
    client.cookies[COOKIE_NAME] = strip_reads(value)
    assert not opens_in_full(client, articles[3])
    client.cookies[COOKIE_NAME] = strip_reads(client.cookies[COOKIE_NAME].value)
    assert not opens_in_full(client, articles[4])
