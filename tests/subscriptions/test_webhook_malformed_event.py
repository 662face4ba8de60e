"""A correctly signed but malformed event is kept once as rejected, with why, and answered 400.

Before, `created` as a string gave 500 and an overlong or NUL-holding id gave
503, so Stripe kept retrying and the operator saw only tracebacks.
"""

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.subscriptions import stripe_fakes
from utgivare.subscriptions import stripe_events
from utgivare.subscriptions.models import Payment, StripeWebhookEvent, Subscription

pytestmark = pytest.mark.django_db

NOW = int(time.time())


def paid(**changes) -> dict:
    event = stripe_fakes.event("invoice.paid", stripe_fakes.invoice(), created=NOW)
    event.update(changes)
    return event


MALFORMED = {
    "created as a string": (paid(created="1800000000"), "created is not an integer"),
    "created far in the future": (paid(created=10**20), "created is not between 2010 and 2100"),
    "created negative": (paid(created=-1), "created is not between 2010 and 2100"),
    "created as a float": (paid(created=1.8e9), "created is not an integer"),
    "created as true": (paid(created=True), "created is not an integer"),
    "id over 100 characters": (paid(id="evt_" + "x" * 200), "id is longer than 100"),
    "id with a NUL": (paid(id="evt_a\x00b"), "id contains control characters"),
    "id missing": ({k: v for k, v in paid().items() if k != "id"}, "id is not a string"),
    "id as a number": (paid(id=12), "id is not a string"),
    "type over 100 characters": (paid(type="invoice." + "p" * 200), "type is longer than 100"),
    "type with a NUL": (paid(type="invoice.paid\x00"), "type contains control characters"),
    "data without object": (paid(data={}), "data.object is not a JSON object"),
    "NUL deep in the object": (
        paid(data={"object": {**stripe_fakes.invoice(), "customer_name": "Lisa\x00"}}),
        "NUL or a lone surrogate",
    ),
    "an array, not an object": ([1, 2, 3], "not a JSON object"),
}


@pytest.mark.parametrize("event, reason", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_event_is_answered_400_and_kept_as_rejected_with_the_reason(
    deliver, event, reason
):
    response = deliver(event)
    assert response.status_code == 400
    stored = StripeWebhookEvent.objects.get()
    assert stored.outcome == "rejected"
    assert reason in stored.rejected_reason
    assert stored.processed_at is not None
    assert stored.event_id.startswith("rejected:")
    assert not Payment.objects.exists()
    assert not Subscription.objects.exists()


def test_same_malformed_event_delivered_again_is_kept_once(deliver):
    event = paid(id="evt_" + "x" * 200)
    assert deliver(event).status_code == 400
    assert deliver(event).status_code == 400
    assert StripeWebhookEvent.objects.count() == 1


def test_not_a_number_in_the_body_is_rejected_and_kept_without_it(client, stripe_keys):
    body = json.dumps(paid()).replace(f'"created": {NOW}', '"created": NaN')
    response = client.post(
        "/prenumerera/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_fakes.sign(body),
    )
    assert response.status_code == 400
    stored = StripeWebhookEvent.objects.get()
    assert "created is not an integer" in stored.rejected_reason
    assert stored.payload["created"] == "nan"


def test_body_nested_beyond_what_json_parses_is_answered_400(client, stripe_keys):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post(
        "/prenumerera/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_fakes.sign(body),
    )
    assert response.status_code == 400


def test_well_formed_event_is_still_accepted(deliver):
    assert deliver(paid()).status_code == 200
    assert StripeWebhookEvent.objects.get().rejected_reason == ""


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    # Any code point, lone surrogates (which JSON can carry) and NUL included.
    | st.text(
        st.characters(exclude_categories=[]) | st.characters(categories=["Cs"]) | st.just("\x00"),
        max_size=120,
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(["id", "type", "created", "data"]), value=JSON_VALUES)
def test_any_json_value_in_the_event_fields_never_gives_a_server_error(deliver, field, value):
    event = paid(**{field: value})
    payments_before = Payment.objects.count()
    response = deliver(event)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert StripeWebhookEvent.objects.filter(
            event_id=stripe_events.rejected_key(event), outcome="rejected"
        ).exists()
        assert Payment.objects.count() == payments_before


def test_rejected_event_is_kept_without_the_payers_name_and_address(deliver):
    invoice = {**stripe_fakes.invoice(), "customer_email": "lisa@example.org"}
    invoice["customer_name"] = "Lisa Berg"
    response = deliver(paid(created="soon", data={"object": invoice}))
    assert response.status_code == 400
    stored = json.dumps(StripeWebhookEvent.objects.get().payload)
    assert "lisa@example.org" not in stored
    assert "Lisa Berg" not in stored
