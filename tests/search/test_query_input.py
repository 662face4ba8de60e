"""What a reader can type (or a link can carry) into /sok/: cleaned, or refused with a
clear 400 page, never an error page."""

import unicodedata

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticlePageFactory
from utgivare.search.rules import MAX_QUERY_LENGTH


def test_nul_byte_is_refused_with_a_400_page(client, tree):
    response = client.get("/sok/", {"q": "hamn\x00en"})
    assert response.status_code == 400


def test_a_too_long_query_is_refused_with_a_message_and_the_form(client, tree):
    response = client.get("/sok/", {"q": "a" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "för lång" in soup.select_one(".search-error").get_text()
    assert soup.select_one("form[role=search] input[name=q]")


def test_a_bad_filter_is_refused_with_a_400_page(client, tree):
    for params in ({"sektion": "abc"}, {"typ": "nope"}, {"ar": "²⁰²⁶"}, {"nummer": "9" * 40}):
        response = client.get("/sok/", {"q": "hamnen", **params})
        assert response.status_code == 400, params


def test_decomposed_letters_find_the_composed_word(client, tree):
    ArticlePageFactory(parent=tree["sections"][0], title="Socialtjänsten får ny chef")
    decomposed = unicodedata.normalize("NFD", "socialtjänsten")
    assert decomposed != "socialtjänsten"
    response = client.get("/sok/", {"q": decomposed})
    assert "Socialtjänsten får ny chef" in response.content.decode()


def test_empty_result_says_so_in_swedish_with_the_query(client, tree):
    response = client.get("/sok/", {"q": "xyzzyplugh"})
    text = BeautifulSoup(response.content, "html.parser").select_one(".search-count").get_text()
    assert text.startswith("Inga träffar för ”xyzzyplugh”.")


# The client and the article are the same for every example: nothing a request does
# changes them (anonymous reads of search results write nothing).
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=60),
    name=st.sampled_from(["sida", "typ", "sektion", "nummer", "skribent", "ar"]),
    value=st.text(max_size=30),
)
def test_any_text_as_query_or_filter_answers_200_or_400(client, article, query, name, value):
    response = client.get("/sok/", {"q": query, name: value})
    assert response.status_code in (200, 400)
