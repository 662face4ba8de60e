"""Pages for a logged-in reader are never stored in a shared cache."""

from tests.factories import UserFactory


def test_home_page_for_a_logged_in_reader_is_private(client, tree):
    client.force_login(UserFactory())
    response = client.get("/")
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_home_page_for_an_anonymous_reader_is_not_marked_private(client, tree):
    response = client.get("/")
    assert "private" not in response.get("Cache-Control", "")
