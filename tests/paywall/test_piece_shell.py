"""A metered piece is drawn once per paywall decision for readers without a session,
and each reader still gets their own decision: the meter counts every read, the
banner counts down, an over-quota reader gets only the teaser."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django.urls import reverse

from tests.paywall.conftest import make_user
from tests.paywall.helpers import FIRST_PARAGRAPH, PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner, box
from utgivare.core import page_cache
from utgivare.paywall.models import PaywallSettings
from utgivare.publication import pieces


@pytest.fixture(autouse=True)
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    page_cache._memo.clear()


def test_each_reader_gets_their_own_decision_from_the_shared_shell(articles, subscriber):
    drawn = []
    original = pieces.Page.serve

    def counting_serve(self, request, *args, **kwargs):
        drawn.append(self.pk)
        return original(self, request, *args, **kwargs)

    pieces.Page.serve = counting_serve
    try:
        first, second = Client(), Client()
        assert banner(read(first, articles[0])).startswith("Du har 2 av 3")
        assert banner(read(second, articles[0])).startswith("Du har 2 av 3")
        page = read(second, articles[1])
        assert banner(page).startswith("Du har 1 av 3")
        assert PAYWALLED_SENTENCES[0] in page
        read(second, articles[2])
        late = read(second, articles[0])  # a re-read: full, and from the shell
        assert PAYWALLED_SENTENCES[0] in late and banner(late).startswith("Du har 0 av 3")
        over = read(second, articles[3])
        assert box(over) is not None and FIRST_PARAGRAPH in over
        assert not any(sentence in over for sentence in PAYWALLED_SENTENCES)
        assert drawn.count(articles[0].pk) == 1  # three reads, one drawing
        # The next over-quota page of that article comes from a teaser shell, not the full one.
        third = Client()
        for article in articles[1:4]:
            read(third, article)
        teaser = read(third, articles[0])
        assert not any(sentence in teaser for sentence in PAYWALLED_SENTENCES)
        # A subscriber's full page is kept for subscribers only: the over-quota reader
        # still gets the teaser.
        reader = Client()
        reader.force_login(subscriber)
        assert PAYWALLED_SENTENCES[0] in read(reader, articles[4])
        assert PAYWALLED_SENTENCES[0] not in read(third, articles[4])
    finally:
        pieces.Page.serve = original


@pytest.fixture
def counted_drawings():
    drawn = []
    original = pieces.Page.serve

    def counting_serve(self, request, *args, **kwargs):
        drawn.append(self.pk)
        return original(self, request, *args, **kwargs)

    pieces.Page.serve = counting_serve
    yield drawn
    pieces.Page.serve = original


def logged_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def form_values(page_html):
    soup = BeautifulSoup(page_html, "html.parser")
    form = soup.select_one("form.comment-form")
    return {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field["name"] in ("name", "email", "csrfmiddlewaretoken", "started")
    }


def test_logged_in_readers_share_one_drawing_and_each_sees_only_their_own_parts(
    articles, counted_drawings
):
    anna = make_user(first_name="Annalena", last_name="Bergkvist", email="annalena@example.org")
    olof = make_user(first_name="Olofsson", last_name="Lindqvist", email="olofsson@example.org")
    anna_client, olof_client = logged_in(anna), logged_in(olof)
    anna_page = read(anna_client, articles[0])
    olof_page = read(olof_client, articles[0])
    assert counted_drawings.count(articles[0].pk) == 1  # two readers, one drawing
    for page, own, other in ((anna_page, anna, olof), (olof_page, olof, anna)):
        values = form_values(page)
        assert values["name"] == own.get_full_name()
        assert values["email"] == own.email
        assert other.email not in page and other.get_full_name() not in page
        assert PAYWALLED_SENTENCES[0] in page
        assert banner(page).startswith("Du har 2 av 3")
        # The header's account links are the logged-in ones, with a working logout form.
        nav = BeautifulSoup(page, "html.parser").select_one(".account-nav")
        assert "Logga ut" in nav.get_text() and nav.select_one("[name=csrfmiddlewaretoken]")
    assert (
        form_values(anna_page)["csrfmiddlewaretoken"]
        != (form_values(olof_page)["csrfmiddlewaretoken"])
    )
    # The logged-in form posts: its CSRF token is this reader's (a POST with it is not a 403).
    response = anna_client.post(
        reverse("comments:post", args=[articles[0].pk]),
        {**form_values(anna_page), "text": "Bra granskat."},
    )
    assert response.status_code != 403
    # An anonymous reader of the same article gets the anonymous page, not a reader's.
    anonymous = read(Client(), articles[0])
    assert "Logga ut" not in anonymous and anna.email not in anonymous


def test_an_over_quota_logged_in_reader_gets_the_teaser_from_their_own_shell(
    articles, subscriber, counted_drawings
):
    olof = make_user(first_name="Olofsson", email="olofsson@example.org")
    client = logged_in(olof)
    subscriber_client = logged_in(subscriber)
    # A subscriber draws the full page first; then the reader uses up the meter.
    assert PAYWALLED_SENTENCES[0] in read(subscriber_client, articles[3])
    for article in articles[:3]:
        assert PAYWALLED_SENTENCES[0] in read(client, article)
    over = read(client, articles[3])
    assert box(over) is not None and FIRST_PARAGRAPH in over
    assert not any(sentence in over for sentence in PAYWALLED_SENTENCES)
    assert subscriber.email not in over
    # Nor does an anonymous reader past the meter get the subscriber's page.
    anonymous = Client()
    for article in articles[:3]:
        read(anonymous, article)
    assert not any(sentence in read(anonymous, articles[3]) for sentence in PAYWALLED_SENTENCES)
    assert PAYWALLED_SENTENCES[0] in read(subscriber_client, articles[3])


def test_the_banner_says_what_the_editor_wrote_last_and_each_reader_their_own_count(
    articles, tree, counted_drawings
):
    first, second = Client(), Client()
    assert banner(read(first, articles[0])).startswith(
        "Du har 2 av 3 gratis artiklar kvar i november"
    )
    read(second, articles[1])
    settings_row = PaywallSettings.for_site(tree["site"])
    settings_row.banner_text_sv = "Kvar för dig: {kvar} av {antal}"
    settings_row.save()
    # The next reads, from one new shell, show the new wording and their own counts.
    assert banner(read(first, articles[0])).startswith("Kvar för dig: 2 av 3")
    assert banner(read(second, articles[0])).startswith("Kvar för dig: 1 av 3")
    assert banner(read(Client(), articles[0])).startswith("Kvar för dig: 2 av 3")
    # Drawn once before the change and once after: the banner is cut out of one shell.
    assert counted_drawings.count(articles[0].pk) == 2
