import pytest


@pytest.fixture(autouse=True)
def _swedish(settings):
    settings.LANGUAGE_CODE = "sv"


# Stripe, faked at its HTTP boundary, for deleting card subscribers.
from tests.subscriptions.conftest import fake_stripe, stripe_keys  # noqa: E402, F401
