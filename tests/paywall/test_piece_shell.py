"""A metered piece is drawn once per paywall decision for readers without a session,
and each reader still gets their own decision: the meter counts every read, the
banner counts down, an over-quota reader gets only the teaser."""

import pytest
from django.test import Client, override_settings

from tests.paywall.helpers import FIRST_PARAGRAPH, PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner, box
from utgivare.core import page_cache
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
        # A subscriber's page is drawn for them (a session), never from or into a shell.
        reader = Client()
        reader.force_login(subscriber)
        assert PAYWALLED_SENTENCES[0] in read(reader, articles[4])
        assert PAYWALLED_SENTENCES[0] not in read(third, articles[4])
    finally:
        pieces.Page.serve = original
