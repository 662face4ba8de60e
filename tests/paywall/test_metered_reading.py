"""What a reader without a subscription sees as they use up the month's free pieces."""

import datetime as dt
import html
from urllib.parse import parse_qs, urlparse

from bs4 import BeautifulSoup

from tests.paywall.helpers import FIRST_PARAGRAPH, PAYWALLED_SENTENCES, read
from utgivare.paywall.models import PaywallSettings

QUOTA_TEXT = (
    "Du har läst dina 3 gratis artiklar denna månad. Prenumerera för att få obegränsad "
    "tillgång till artiklar, poddradio, bloggar och webb-tv."
)


def banner(page_html):
    found = BeautifulSoup(page_html, "html.parser").select_one(".paywall-banner")
    return " ".join(found.get_text().split()) if found else None


def box(page_html):
    return BeautifulSoup(page_html, "html.parser").select_one(".paywall-box")


def test_first_metered_article_says_two_of_three_left_in_november(client, articles):
    page = read(client, articles[0])
    assert banner(page).startswith("Du har 2 av 3 gratis artiklar kvar i november")
    assert PAYWALLED_SENTENCES[0] in page
    assert box(page) is None


def test_banner_counts_down_with_each_new_article(client, articles):
    lefts = [banner(read(client, article)) for article in articles[:3]]
    assert [text.split(" av ")[0] for text in lefts] == ["Du har 2", "Du har 1", "Du har 0"]


def test_fourth_article_shows_paywall_box_after_first_paragraph(client, articles):
    for article in articles[:3]:
        read(client, article)
    page = read(client, articles[3])
    assert html.unescape(box(page).get_text(" ", strip=True)).startswith(QUOTA_TEXT)
    assert articles[3].title in page
    assert articles[3].lead in page
    assert FIRST_PARAGRAPH in page
    for sentence in PAYWALLED_SENTENCES:
        assert sentence not in page
    assert banner(page) is None


def test_opening_the_same_article_again_uses_no_quota(client, articles):
    for _ in range(3):
        read(client, articles[0])
    assert banner(read(client, articles[1])).startswith("Du har 1 av 3")


def test_article_read_this_month_stays_open_after_quota_is_used(client, articles):
    for article in articles[:3]:
        read(client, article)
    read(client, articles[3])
    page = read(client, articles[0])
    assert PAYWALLED_SENTENCES[2] in page
    assert banner(page).startswith("Du har 0 av 3")


def test_login_link_in_box_returns_reader_to_the_same_article(client, articles):
    for article in articles[:3]:
        read(client, article)
    login = box(read(client, articles[3])).find("a", string="Logga in")
    assert login.parent.get_text(" ", strip=True) == "Redan prenumerant? Logga in"
    url = urlparse(login["href"])
    assert url.path == "/konto/login/"
    assert parse_qs(url.query)["next"] == [articles[3].url]


def test_box_has_a_subscribe_button(client, articles):
    for article in articles[:3]:
        read(client, article)
    subscribe = box(read(client, articles[3])).find("a", string="Prenumerera")
    assert urlparse(subscribe["href"]).path == "/prenumerera/"


def test_subscribers_only_article_shows_box_at_once(client, paid_article):
    page = read(client, paid_article)
    text = box(page).get_text(" ", strip=True)
    assert text.startswith("Det här är endast för prenumeranter.")
    assert "Redan prenumerant? Logga in" in text
    assert FIRST_PARAGRAPH in page
    assert PAYWALLED_SENTENCES[0] not in page
    assert banner(page) is None


def test_subscribers_only_article_uses_no_quota(client, paid_article, articles):
    read(client, paid_article)
    assert banner(read(client, articles[0])).startswith("Du har 2 av 3")


def test_free_article_is_whole_with_no_banner_and_no_quota(client, free_article, articles):
    page = read(client, free_article)
    assert PAYWALLED_SENTENCES[2] in page
    assert banner(page) is None
    assert box(page) is None
    assert banner(read(client, articles[0])).startswith("Du har 2 av 3")


def test_new_month_gives_new_free_articles(client, articles, clock):
    for article in articles[:4]:
        read(client, article)
    clock.now = dt.datetime(2026, 11, 30, 23, 0, tzinfo=dt.UTC)  # 1 December, 00:00 Stockholm
    page = read(client, articles[3])
    assert PAYWALLED_SENTENCES[0] in page
    assert banner(page).startswith("Du har 2 av 3 gratis artiklar kvar i december")


def test_clock_set_back_a_month_gives_no_new_free_articles(client, articles, clock):
    for article in articles[:3]:
        read(client, article)
    clock.now = dt.datetime(2026, 10, 20, 12, 0, tzinfo=dt.UTC)
    page = read(client, articles[3])
    assert box(page) is not None
    assert PAYWALLED_SENTENCES[0] not in page


def test_operator_sets_number_of_free_articles(client, articles, tree):
    PaywallSettings.objects.update_or_create(
        site=tree["site"], defaults={"free_reads_per_month": 1}
    )
    assert banner(read(client, articles[0])).startswith("Du har 0 av 1")
    page = read(client, articles[1])
    assert "Du har läst dina 1 gratis artiklar denna månad." in box(page).get_text()


def test_operator_makes_articles_free_by_default(client, articles, tree):
    PaywallSettings.objects.update_or_create(site=tree["site"], defaults={"article_level": "free"})
    for article in articles:
        page = read(client, article)
        assert PAYWALLED_SENTENCES[2] in page
        assert banner(page) is None


def test_english_reader_gets_english_paywall_texts(client, articles):
    client.cookies["django_language"] = "en"
    assert banner(read(client, articles[0])).startswith(
        "You have 2 of 3 free articles left in November"
    )
    for article in articles[1:3]:
        read(client, article)
    assert (
        box(read(client, articles[3]))
        .get_text(" ", strip=True)
        .startswith("You have read your 3 free articles this month.")
    )
