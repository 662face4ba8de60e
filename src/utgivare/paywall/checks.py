from django.conf import settings
from django.core.checks import Error, register

MIDDLEWARE_PATH = "utgivare.paywall.middleware.PaywallMiddleware"


@register()
def paywall_middleware_installed(app_configs, **kwargs):
    """Without the middleware no meter cookie is written: anonymous readers would read all."""
    if MIDDLEWARE_PATH in settings.MIDDLEWARE:
        return []
    return [
        Error(
            "The metered paywall needs its middleware.",
            hint=f"Add {MIDDLEWARE_PATH!r} to MIDDLEWARE.",
            id="paywall.E001",
        )
    ]
