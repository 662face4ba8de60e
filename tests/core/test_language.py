"""Swedish first: English only when the reader chooses it."""


def test_interface_is_swedish_even_when_the_browser_prefers_english(client, article):
    response = client.get(article.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert "Lästid" in response.content.decode()


def test_reader_can_switch_to_english_and_back(client, article):
    client.get(f"/sprak/en/?next={article.url}")
    response = client.get(article.url)
    assert response["Content-Language"] == "en"
    assert "Skip to content" in response.content.decode()

    client.get(f"/sprak/sv/?next={article.url}")
    assert client.get(article.url)["Content-Language"] == "sv"


def test_unknown_language_cookie_falls_back_to_swedish(client, article):
    client.cookies["django_language"] = "xx"
    assert client.get(article.url)["Content-Language"] == "sv"


def test_language_switch_only_redirects_within_the_site(client, db):
    response = client.get("/sprak/en/?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_language_links_are_plain_links_without_a_csrf_token(client, tree):
    response = client.get("/")
    assert "csrftoken" not in response.cookies
    assert 'href="/sprak/en/?next=' in response.content.decode()


def test_language_switch_names_each_language_in_itself(client, tree):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    names = [item.get_text(strip=True) for item in soup.select(".language-switch li")]
    assert names == ["Svenska", "English"]
