"""Readers see before they click what they may read, when free reads come back, and get
pictures sized for their screen."""

import datetime as dt
import io
from types import SimpleNamespace

from bs4 import BeautifulSoup
from django.core.files.images import ImageFile

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory, png_bytes
from utgivare.paywall.access import free_reads_return_on
from utgivare.paywall.models import PaywallSettings
from utgivare.paywall.templatetags.paywall_tags import free_reads_return


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_lists_label_metered_and_subscriber_pieces(client, tree):
    section = tree["sections"][0]
    ArticlePageFactory(parent=section, title="Fri", access_level="free")
    ArticlePageFactory(parent=section, title="Räknad")  # the site default: metered
    ArticlePageFactory(parent=section, title="Stängd", access_level="subscribers")

    cards = {
        card.h3.get_text(strip=True): card.select_one(".access-label")
        for card in soup(client, section.url).select(".card")
    }
    assert cards["Fri"] is None
    assert cards["Räknad"].get_text() == "Räknas mot gratisartiklarna"
    assert cards["Stängd"].get_text() == "För prenumeranter"


def test_free_reads_come_back_on_the_first_of_next_month():
    assert free_reads_return_on("2026-11") == dt.date(2026, 12, 1)
    assert free_reads_return_on("2026-12") == dt.date(2027, 1, 1)
    assert free_reads_return_on("") is None
    assert free_reads_return(SimpleNamespace(month="2026-11")) == "Nya gratisartiklar 1 december"


def test_the_paywall_box_says_when_free_reads_come_back(client, tree):
    PaywallSettings.objects.update_or_create(
        site=tree["site"], defaults={"free_reads_per_month": 1}
    )
    first, second = (ArticlePageFactory(parent=tree["sections"][0]) for _ in range(2))
    banner = soup(client, first.url).select_one(".paywall-banner")
    assert "Nya gratisartiklar 1 " in banner.get_text()  # that was the last free one
    box = soup(client, second.url).select_one(".paywall-box__return")
    assert box.get_text().startswith("Nya gratisartiklar 1 ")


def test_author_page_links_to_the_writers_blog(client, tree):
    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    blogs = BlogIndexPageFactory(parent=tree["home"])
    blog = BlogPageFactory(parent=blogs, writer=writer, title="Karins blogg", slug="karin")

    links = [a["href"] for a in soup(client, writer.url).select(".author-card a")]
    assert blog.url in links


def test_english_mode_keeps_swedish_content_marked_swedish(client, tree):
    article = ArticlePageFactory(parent=tree["sections"][0], access_level="free")
    client.get(f"/sprak/en/?next={article.url}")
    page = soup(client, article.url)
    assert page.html["lang"] == "en"
    assert page.select_one("#piece-title")["lang"] == "sv"
    assert page.select_one(".body")["lang"] == "sv"


def test_a_phone_is_offered_a_small_webp_hero(client, tree):
    article = ArticlePageFactory(
        parent=tree["sections"][0],
        access_level="free",
        hero_image=ImageFactory(file=ImageFile(io.BytesIO(png_bytes(1600, 900)), name="kajen.png")),
    )
    picture = soup(client, article.url).select_one("figure.hero picture")
    webp = picture.select_one("source[type='image/webp']")
    widths = [candidate.split()[-1] for candidate in webp["srcset"].split(",")]
    assert widths == ["360w", "720w", "1200w"]
    assert "100vw" in webp["sizes"]
    assert picture.img["src"].endswith((".jpg", ".jpeg"))  # the fallback
