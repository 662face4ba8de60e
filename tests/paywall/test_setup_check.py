"""An operator who drops the paywall middleware is told at start-up, not by readers."""

from django.conf import settings
from django.test import override_settings

from utgivare.paywall.checks import MIDDLEWARE_PATH, paywall_middleware_installed


def test_site_as_configured_passes_the_check():
    assert paywall_middleware_installed(None) == []


def test_missing_middleware_is_an_error():
    without = [entry for entry in settings.MIDDLEWARE if entry != MIDDLEWARE_PATH]
    with override_settings(MIDDLEWARE=without):
        (error,) = paywall_middleware_installed(None)
    assert error.id == "paywall.E001"
