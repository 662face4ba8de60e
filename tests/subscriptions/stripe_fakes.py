"""Stripe, faked at its edges: signed webhook deliveries and the SDK's HTTP client.

Webhooks are signed the way Stripe signs them (HMAC-SHA256 of "t.payload" with
the endpoint secret), so the view's real verification runs. API calls go
through a stripe.HTTPClient subclass that answers from canned routes and
records every request; nothing reaches the network.
"""

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import stripe

WEBHOOK_SECRET = "whsec_test_utgivare"
_ids = itertools.count(1)


def sign(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={signature}"


def event(event_type: str, obj: dict, *, created: int, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_test{next(_ids)}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": created,
        "livemode": False,
        "type": event_type,
        "data": {"object": obj},
    }


def subscription(
    sub_id: str = "sub_test1",
    *,
    status: str = "active",
    start: int,
    end: int,
    customer: str = "cus_test1",
    user=None,
    plan=None,
    cancel_at_period_end: bool = False,
    ended_at: int | None = None,
    price_id: str = "price_inline",
) -> dict:
    metadata = {}
    if user is not None:
        metadata["user_id"] = str(user.pk)
    if plan is not None:
        metadata["plan_id"] = str(plan.pk)
    return {
        "id": sub_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "cancel_at_period_end": cancel_at_period_end,
        "ended_at": ended_at,
        "metadata": metadata,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": "si_test1",
                    "object": "subscription_item",
                    "current_period_start": start,
                    "current_period_end": end,
                    "price": {"id": price_id, "object": "price"},
                }
            ],
        },
    }


def invoice(
    invoice_id: str = "in_test1",
    *,
    sub_id: str = "sub_test1",
    amount: int = 11900,
    paid_at: int | None = None,
    email: str = "lasare@example.org",
) -> dict:
    return {
        "id": invoice_id,
        "object": "invoice",
        "amount_paid": amount,
        "currency": "sek",
        "customer": "cus_test1",
        "customer_email": email,
        "customer_name": "Lisa Läsare",
        "number": "UTG-0001",
        "attempt_count": 1,
        "status_transitions": {"paid_at": paid_at},
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": sub_id},
        },
    }


@dataclass
class SentRequest:
    method: str
    path: str
    query: dict
    form: dict


class FakeStripeHTTP(stripe.HTTPClient):
    """Answers the SDK's requests from `routes`; unknown paths get Stripe's 404."""

    name = "fake"

    def __init__(self):
        super().__init__()
        self.routes: dict[tuple[str, str], tuple[int, dict]] = {}
        self.requests: list[SentRequest] = []

    def on(self, method: str, path: str, body: dict, status: int = 200) -> None:
        self.routes[(method.upper(), path)] = (status, body)

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        self.requests.append(
            SentRequest(
                method.upper(),
                parts.path,
                parse_qs(parts.query),
                parse_qs(post_data.decode() if isinstance(post_data, bytes) else post_data or ""),
            )
        )
        status, body = self.routes.get(
            (method.upper(), parts.path),
            (
                404,
                {
                    "error": {
                        "type": "invalid_request_error",
                        "message": f"No such resource: {parts.path}",
                    }
                },
            ),
        )
        return json.dumps(body), status, {"request-id": "req_fake"}

    def close(self):
        pass
