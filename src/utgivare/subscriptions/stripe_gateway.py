"""Every call this site makes to Stripe's API, in one place.

Returns plain dicts so the rest of the app never depends on the SDK's object
types. Tests replace `http_client` with a fake at the SDK's HTTP boundary;
nothing here reaches the network in tests.
"""

import stripe
from django.conf import settings

# None: the SDK's own HTTP client. Tests set a stripe.HTTPClient subclass here.
http_client: stripe.HTTPClient | None = None


class NotConfigured(RuntimeError):
    """No STRIPE_SECRET_KEY: the site sells manual subscriptions only."""


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def webhooks_configured() -> bool:
    return bool(settings.STRIPE_WEBHOOK_SECRET)


def _client() -> stripe.StripeClient:
    if not is_configured():
        raise NotConfigured()
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, http_client=http_client, max_network_retries=2
    )


def _plain(obj) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def create_checkout_session(
    *,
    plan,
    user,
    success_url: str,
    cancel_url: str,
    customer_id: str = "",
) -> dict:
    """A Checkout Session for one plan; the reader pays on Stripe's page."""
    if plan.stripe_price_id:
        line_item = {"price": plan.stripe_price_id, "quantity": 1}
    else:
        # No price kept at Stripe: describe it, so staff only edit plans here.
        line_item = {
            "quantity": 1,
            "price_data": {
                "currency": plan.currency.lower(),
                "unit_amount": plan.price_ore,
                "recurring": {"interval": plan.interval},
                "product_data": {"name": plan.name},
            },
        }
    metadata = {"user_id": str(user.pk), "plan_id": str(plan.pk)}
    params = {
        "mode": "subscription",
        "line_items": [line_item],
        "client_reference_id": str(user.pk),
        "metadata": metadata,
        # Carried on the subscription itself, so its events name reader and plan.
        "subscription_data": {"metadata": metadata},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": "sv",
    }
    if customer_id:
        params["customer"] = customer_id
    else:
        params["customer_email"] = user.email
    return _plain(_client().v1.checkout.sessions.create(params=params))


def retrieve_checkout_session(session_id: str) -> dict:
    """The session with its subscription expanded."""
    session = _client().v1.checkout.sessions.retrieve(
        session_id, params={"expand": ["subscription"]}
    )
    return _plain(session)


def create_portal_session(*, customer_id: str, return_url: str) -> dict:
    """Stripe's customer portal: change card, see receipts, cancel."""
    session = _client().v1.billing_portal.sessions.create(
        params={"customer": customer_id, "return_url": return_url, "locale": "sv"}
    )
    return _plain(session)


def retrieve_subscription(subscription_id: str) -> dict:
    return _plain(_client().v1.subscriptions.retrieve(subscription_id))


def cancel_subscription(subscription_id: str) -> dict:
    """End a subscription at once (the reader deleted their account)."""
    return _plain(_client().v1.subscriptions.cancel(subscription_id))
