"""An address answered per reader (a metered piece) is not looked up in the page cache
again until one of its tags changes; once the piece is free, its page is kept."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory
from utgivare.core import page_cache


@pytest.fixture(autouse=True)
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    page_cache._memo.clear()


def test_a_metered_piece_is_not_looked_up_again_and_is_kept_once_free(tree):
    article = ArticlePageFactory(parent=tree["sections"][0], access_level="metered")
    first = Client().get(article.url)
    assert first.status_code == 200 and first["X-App-Cache"] == "miss"
    with CaptureQueriesContext(connection) as captured:
        again = Client().get(article.url)
    assert again.status_code == 200 and again["X-App-Cache"] == "miss"
    assert not any("core_cachetag" in query["sql"] for query in captured)
    assert "utgivare_matare" in again.cookies  # still counted, per reader

    article.access_level = "free"
    article.save_revision().publish()
    assert Client().get(article.url)["X-App-Cache"] == "miss"
    assert Client().get(article.url)["X-App-Cache"] == "hit"
