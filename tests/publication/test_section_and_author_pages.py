from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_section_lists_its_articles_newest_first(client, tree):
    section = tree["sections"][0]
    for title in ("Först", "Sedan", "Senast"):
        ArticlePageFactory(parent=section, title=title)
    titles = [h.get_text(strip=True) for h in soup(client, section.url).select(".card h3")]
    assert titles == ["Senast", "Sedan", "Först"]


def test_section_is_paginated_twelve_at_a_time(client, tree):
    section = tree["sections"][0]
    for number in range(14):
        ArticlePageFactory(parent=section, title=f"Artikel nummer {number}")
    first = soup(client, section.url)
    assert len(first.select(".card")) == 12
    assert "Sida 1 av 2" in first.select_one(".pagination").get_text()
    second = soup(client, section.url + "?sida=2")
    assert [h.get_text(strip=True) for h in second.select(".card h3")] == [
        "Artikel nummer 1",
        "Artikel nummer 0",
    ]


def test_nonsense_page_number_shows_the_first_page(client, tree):
    ArticlePageFactory(parent=tree["sections"][0])
    assert len(soup(client, tree["sections"][0].url + "?sida=abc").select(".card")) == 1


def test_author_page_shows_bio_photo_and_articles(client, tree):
    author = AuthorPageFactory(
        parent=tree["authors"],
        title="Amira Haddad",
        role="Krönikör",
        bio="<p>Skriver om kultur i Norrvik.</p>",
        photo=ImageFactory(),
    )
    ArticlePageFactory(parent=tree["sections"][0], title="Biblioteket stänger", author=author)
    ArticlePageFactory(parent=tree["sections"][0], title="Någon annans text")

    page = soup(client, author.url)
    assert page.h1.get_text(strip=True) == "Amira Haddad"
    assert "Krönikör" in page.get_text()
    assert "Skriver om kultur i Norrvik." in page.select_one(".bio").get_text()
    assert page.select_one(".author-card img") is not None
    assert [h.get_text(strip=True) for h in page.select(".card h3")] == ["Biblioteket stänger"]


def test_author_index_lists_writers(client, tree):
    AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    AuthorPageFactory(parent=tree["authors"], title="Johan Berglund")
    names = [h.get_text(strip=True) for h in soup(client, tree["authors"].url).select("main h2")]
    assert names == ["Johan Berglund", "Karin Lund"]
