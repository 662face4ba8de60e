"""Pages stay cacheable, and a cache never hands one reader's version to another."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from tests.paywall.helpers import FIRST_PARAGRAPH, NOVEMBER, PAYWALLED_SENTENCES, read
from tests.paywall.test_metered_reading import banner, box
from utgivare.core.middleware import SharedCacheSafetyMiddleware
from utgivare.paywall import gate
from utgivare.paywall.middleware import PaywallMiddleware

# Django's own page cache in front of the whole site: it stands in for any
# shared cache (nginx, a CDN) that obeys Cache-Control and Vary.
SHARED_PAGE_CACHE = override_settings(
    MIDDLEWARE=[
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ],
    CACHE_MIDDLEWARE_SECONDS=600,
    CACHE_MIDDLEWARE_KEY_PREFIX="page",
)


def body_cache_key(article):
    return make_template_fragment_key("piece_body", [article.pk, article.latest_revision_id, "sv"])


def over_quota_reader(articles):
    client = Client()
    for article in articles[1:4]:
        read(client, article)
    return client


def test_readers_with_different_meters_get_their_own_version_through_the_body_cache(articles):
    target = articles[0]
    first = Client()
    assert PAYWALLED_SENTENCES[0] in read(first, target)
    assert PAYWALLED_SENTENCES[0] in cache.get(body_cache_key(target))

    # Mark the cached fragment: whoever is given the full body now gets it from the cache.
    cache.set(body_cache_key(target), '<div class="body">FROM THE SHARED CACHE</div>', 3600)

    late = over_quota_reader(articles)
    page = read(late, target)
    assert "FROM THE SHARED CACHE" not in page
    assert box(page) is not None
    assert FIRST_PARAGRAPH in page

    second = Client()
    read(second, articles[1])
    page = read(second, target)
    assert "FROM THE SHARED CACHE" in page
    assert banner(page).startswith("Du har 1 av 3")


def test_subscriber_and_over_quota_reader_share_the_cached_body_safely(articles, subscriber):
    target = articles[0]
    paying = Client()
    paying.force_login(subscriber)
    assert PAYWALLED_SENTENCES[2] in read(paying, target)
    assert cache.get(body_cache_key(target)) is not None

    page = read(over_quota_reader(articles), target)
    for sentence in PAYWALLED_SENTENCES:
        assert sentence not in page


@SHARED_PAGE_CACHE
def test_page_cache_never_replays_a_subscribers_page_to_an_over_quota_reader(articles, subscriber):
    target = articles[0]
    late = over_quota_reader(articles)
    paying = Client()
    paying.force_login(subscriber)
    read(paying, target)
    read(paying, target)
    page = read(late, target)
    assert box(page) is not None
    for sentence in PAYWALLED_SENTENCES:
        assert sentence not in page


@SHARED_PAGE_CACHE
def test_page_cache_gives_two_anonymous_readers_their_own_banner(articles):
    target = articles[0]
    fresh, used_one = Client(), Client()
    read(used_one, articles[1])
    assert banner(read(fresh, target)).startswith("Du har 2 av 3")
    assert banner(read(used_one, target)).startswith("Du har 1 av 3")
    assert banner(read(fresh, target)).startswith("Du har 2 av 3")
    # And the next new piece really counts for each of them.
    assert banner(read(fresh, articles[2])).startswith("Du har 1 av 3")


@SHARED_PAGE_CACHE
def test_page_cache_gives_reader_at_quota_the_box_after_others_read_in_full(articles):
    target = articles[0]
    for _ in range(3):
        read(Client(), target)
    page = read(over_quota_reader(articles), target)
    assert box(page) is not None
    assert PAYWALLED_SENTENCES[0] not in page


@pytest.mark.parametrize(
    "who", ["anonymous", "over_quota", "logged_in", "subscriber", "subscribers_only"]
)
def test_personal_pages_are_private_and_vary_on_cookie(
    who, articles, paid_article, reader, subscriber
):
    client, target = Client(), articles[0]
    if who == "over_quota":
        client = over_quota_reader(articles)
    elif who == "logged_in":
        client.force_login(reader)
    elif who == "subscriber":
        client.force_login(subscriber)
    elif who == "subscribers_only":
        target = paid_article
    response = client.get(target.url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def respond(state=None, set_cookie=False):
    """Run PaywallMiddleware (inside the caching rule's middleware, as in MIDDLEWARE)
    over a plain response, as if a page had asked the gate."""
    request = RequestFactory().get("/")
    if state is not None:
        setattr(request, gate.STATE_ATTR, state)

    def view(request):
        response = HttpResponse("page")
        if set_cookie:
            response.set_cookie("csrftoken", "x")
        return response

    return SharedCacheSafetyMiddleware(PaywallMiddleware(view))(request)


def test_page_the_same_for_every_reader_stays_shareable():
    response = respond(gate.RequestState(now=NOVEMBER))
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    # The same for every reader: another cookie must not split a shared cache.
    assert not response.has_header("Vary")


def test_page_that_sets_any_cookie_is_never_shared():
    response = respond(gate.RequestState(now=NOVEMBER), set_cookie=True)
    assert "private" in response["Cache-Control"]


def test_pages_that_never_asked_the_paywall_are_left_alone():
    response = respond(None)
    assert "private" not in response["Cache-Control"]
    assert not response.has_header("Vary")
