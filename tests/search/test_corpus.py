"""The Swedish corpus (tests/search/corpus.py): every query finds what it must and
nothing it must not, for a reader without access and for a subscriber; then
ranking and filters. Runs on whichever database the suite runs on."""

import pytest
from bs4 import BeautifulSoup
from django.db import transaction

from tests.factories import site_tree
from tests.search import corpus
from tests.subscriptions.factories import SubscriptionFactory

# One worker builds the corpus once for the whole module.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("search_corpus")]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The corpus, built once for this module's tests and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield corpus.build(site_tree())
        transaction.set_rollback(True)


def listed(client, built, query, **filters):
    response = client.get("/sok/", {"q": query, **filters})
    assert response.status_code == 200, (query, response.status_code)
    by_url = {page.url: key for key, page in built["pieces"].items()}
    soup = BeautifulSoup(response.content, "html.parser")
    return [by_url.get(link["href"], link["href"]) for link in soup.select(".search-hit h2 a")]


def test_every_query_in_the_table_finds_what_it_must_and_nothing_it_must_not(client, built):
    subscriber = SubscriptionFactory().user
    failures = []
    for query, reader, must, must_not in corpus.QUERIES:
        if reader == corpus.SUBSCRIBER:
            client.force_login(subscriber)
        else:
            client.logout()
        found = set(listed(client, built, query))
        if missing := must - found:
            failures.append(f"{query!r} ({reader}) did not list {sorted(missing)}")
        if wrong := must_not & found:
            failures.append(f"{query!r} ({reader}) listed {sorted(wrong)}")
    assert failures == []


def test_headline_outranks_a_body_that_repeats_the_word(client, built):
    found = listed(client, built, "budget")
    assert found.index("budget_rubrik") < found.index("budget_omnamnd")


def test_the_newer_of_two_equal_pieces_comes_first(client, built):
    assert listed(client, built, "trafikplanen") == ["trafik_ny", "trafik_gammal"]


def test_filters_narrow_and_combine(client, built):
    karin = "karin lund"
    everything = set(listed(client, built, karin))
    blog_posts = set(listed(client, built, karin, typ="blog_post"))
    assert blog_posts == {"hyran", "budget_omnamnd", "blogg_betald"}
    in_politics = listed(client, built, karin, sektion=built["sections"]["politik"].pk)
    assert set(in_politics) == {"socialtjanst", "namnd"}
    assert listed(client, built, karin, nummer=built["issues"][180].pk) == ["namnd"]
    assert set(listed(client, built, karin, ar="2025")) == {"socialtjanst", "blogg_betald"}
    both = listed(client, built, karin, ar="2025", typ="article")
    assert both == ["socialtjanst"]
    by_per = set(listed(client, built, "ekonomi", skribent=built["authors"]["per"].pk))
    assert by_per == {"hyresgaster", "hamn_a", "hamn_b", "budget_rubrik"}
    assert blog_posts < everything


def test_result_shows_kicker_byline_date_lead_and_access_label(client, built):
    response = client.get("/sok/", {"q": "skolskjutsen"})
    (hit,) = BeautifulSoup(response.content, "html.parser").select(".search-hit")
    assert hit.select_one(".kicker").get_text(strip=True) == "Politiska rapporter"
    assert hit.select_one(".search-hit__author").get_text() == "Karin Lund"
    assert hit.time["datetime"].startswith("2026-06-01")
    assert hit.select_one(".search-hit__lead").get_text() == (
        "Föräldrar överklagar till förvaltningsrätten."
    )
    assert "Räknas mot månadens gratisartiklar" in hit.select_one(".search-hit__access").text
    # The snippet is the teaser: the paid paragraph is not on the page.
    assert "Revisionsrapporten" not in response.content.decode()


def test_snippet_marks_other_forms_of_the_word(client, built):
    response = client.get("/sok/", {"q": "hyrorna"})
    soup = BeautifulSoup(response.content, "html.parser")
    marked = {mark.get_text().casefold() for mark in soup.select(".search-hit__snippet mark")}
    assert "hyra" in marked
