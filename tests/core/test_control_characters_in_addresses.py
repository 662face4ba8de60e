"""A control character in the address or search answers a plain 400, never a database error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_search_with_a_nul_byte_answers_400_in_swedish(client, tree):
    response = client.get("/sok/?q=a%00")
    assert response.status_code == 400
    assert "Förfrågan gick inte att ta emot" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "address",
    [
        "/sok/?q=%01",
        "/sok/?q=bygglov&sida=1%00",
        "/sok/?q%00=a",
        "/sok/?q=%C2%85",  # NEXT LINE, a C1 control
        "/politiska-rapporter%00/",
        "/nummer/?sida=%1b",
        "/sprak/en/?next=/%00",
    ],
)
def test_any_control_character_in_path_or_query_is_refused(client, tree, address):
    assert client.get(address).status_code == 400


def test_forwarded_address_with_a_control_character_is_refused(client, tree):
    response = client.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9\x00")
    assert response.status_code == 400


def test_ordinary_search_with_tabs_and_swedish_letters_still_works(client, tree):
    response = client.get("/sok/", {"q": "Åsa\tÖberg ångström"})
    assert response.status_code == 200


def test_a_stray_cookie_with_a_control_character_is_ignored_not_refused(client, tree):
    client.cookies["sessionid"] = "abc\x01defghijklmnop"
    client.cookies["annan"] = "x\x00"
    response = client.get("/")
    assert response.status_code == 200


@pytest.mark.parametrize("page_number", ["abc", "-1", "0", "9" * 5000, "1e400", "²", "٣", "1.5"])
def test_odd_page_numbers_show_a_page_not_an_error(client, tree, page_number):
    assert client.get("/sok/", {"q": "bygglov", "sida": page_number}).status_code == 200
    section = tree["sections"][0]
    assert client.get(section.url, {"sida": page_number}).status_code == 200


def test_odd_reply_ids_on_a_piece_show_the_piece(client, article):
    for reply in ["²", "9" * 40, "-1", "x"]:
        assert client.get(article.url, {"svara": reply}).status_code == 200
        post_url = reverse("comments:post", args=[article.pk])
        assert client.get(post_url, {"svara": reply}).status_code == 302
