"""Search engines are told which part of a metered or paid article is paywalled."""

import json
import re

from bs4 import BeautifulSoup

from tests.paywall.helpers import read


def json_ld(page_html):
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return json.loads(script)


def test_metered_article_is_marked_not_free_with_its_paywalled_part(client, articles):
    page = read(client, articles[0])
    data = json_ld(page)
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {
        "@type": "WebPageElement",
        "isAccessibleForFree": False,
        "cssSelector": ".paywalled-body",
    }
    # The selector names the element that holds the body the reader was given in full.
    assert BeautifulSoup(page, "html.parser").select_one(".paywalled-body") is not None


def test_paid_article_teaser_is_marked_not_free_and_carries_no_body(client, paid_article):
    page = read(client, paid_article)
    data = json_ld(page)
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"]["cssSelector"] == ".paywalled-body"
    assert "articleBody" not in data
    assert BeautifulSoup(page, "html.parser").select_one(".paywalled-body") is None


def test_free_article_is_marked_free(client, free_article):
    data = json_ld(read(client, free_article))
    assert data["isAccessibleForFree"] is True
    assert "hasPart" not in data


def test_open_graph_description_is_the_lead_only(client, paid_article):
    soup = BeautifulSoup(read(client, paid_article), "html.parser")
    assert soup.select_one('meta[property="og:description"]')["content"] == paid_article.lead
