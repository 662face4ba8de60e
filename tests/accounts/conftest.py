import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth counts attempts in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _swedish(settings):
    settings.LANGUAGE_CODE = "sv"


# Stripe, faked at its HTTP boundary, for deleting card subscribers.
from tests.subscriptions.conftest import fake_stripe, stripe_keys  # noqa: E402, F401
