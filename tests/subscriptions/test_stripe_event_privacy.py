"""Payers' names and addresses leave stored Stripe events once they are not needed.

Processed events are scrubbed at once; events that could not be processed
keep them at most STRIPE_EVENT_RETENTION_DAYS; deleting an account scrubs
every event about the reader; the data export lists what is kept, and why.
"""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import StripeSubscriptionFactory, UserFactory
from utgivare.core import personal_data
from utgivare.subscriptions import event_privacy, webhooks
from utgivare.subscriptions.models import Payment, StripeWebhookEvent

PAYER = "lisa.lasare@example.org"
NOW = int(timezone.now().timestamp())


def checkout_session(*, user, customer="cus_test1") -> dict:
    return {
        "id": "cs_test1",
        "object": "checkout.session",
        "mode": "subscription",
        "status": "complete",
        "client_reference_id": str(user.pk),
        "customer": customer,
        "customer_email": PAYER,
        "customer_details": {
            "email": PAYER,
            "name": "Lisa Läsare",
            "phone": "+46701234567",
            "address": {"city": "Umeå", "line1": "Storgatan 1", "postal_code": "90326"},
        },
        "amount_total": 11900,
        "currency": "sek",
        "metadata": {"user_id": str(user.pk)},
        "subscription": None,
    }


def stored(event: dict) -> StripeWebhookEvent:
    row, _ = webhooks.store(event)
    return row


# --- The rule -----------------------------------------------------------------------

json_leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
json_values = st.recursive(
    json_leaf,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(sorted(event_privacy.PERSONAL_KEYS)) | st.text(max_size=6),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(json_values)
def test_scrubbed_payload_holds_no_personal_field(payload):
    assert event_privacy.personal_fields(event_privacy.scrub(payload)) == ()


@given(json_values)
def test_scrubbing_twice_changes_nothing_more(payload):
    once = event_privacy.scrub(payload)
    assert event_privacy.scrub(once) == once


def test_scrubbing_keeps_what_bookkeeping_needs():
    invoice = stripe_fakes.invoice(amount=11900, paid_at=NOW, email=PAYER)
    event = stripe_fakes.event("invoice.paid", invoice, created=NOW)
    scrubbed = event_privacy.scrub(event)["data"]["object"]
    assert scrubbed["customer_email"] is None and scrubbed["customer_name"] is None
    kept = {k: scrubbed[k] for k in ("id", "amount_paid", "currency", "customer", "number")}
    assert kept == {k: invoice[k] for k in kept}
    assert scrubbed["status_transitions"] == {"paid_at": NOW}
    assert scrubbed["parent"] == invoice["parent"]


def test_nested_customer_details_go_as_a_whole(db):
    user = UserFactory()
    session = event_privacy.scrub(checkout_session(user=user))
    assert session["customer_details"] is None
    assert session["client_reference_id"] == str(user.pk)
    assert PAYER not in json.dumps(session)


# --- When it happens ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_processed_payment_event_keeps_no_payer_details(deliver):
    sub = StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    invoice = stripe_fakes.invoice(sub_id="sub_test1", paid_at=NOW, email=PAYER)
    assert deliver(stripe_fakes.event("invoice.paid", invoice, created=NOW)).status_code == 200
    row = StripeWebhookEvent.objects.get()
    assert row.processed_at is not None and row.scrubbed_at is not None
    assert PAYER not in json.dumps(row.payload)
    assert "Lisa Läsare" not in json.dumps(row.payload)
    # The bookkeeping record has what it needs, taken before the scrub.
    payment = Payment.objects.get()
    assert (payment.payer_email, payment.user) == (PAYER, sub.user)


@pytest.mark.django_db
def test_an_unprocessed_event_keeps_details_until_the_retention_time(settings):
    settings.STRIPE_EVENT_RETENTION_DAYS = 30
    row = stored(stripe_fakes.event("invoice.paid", stripe_fakes.invoice(email=PAYER), created=NOW))
    call_command("scrub_stripe_events", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.payload["data"]["object"]["customer_email"] == PAYER, "still needed for a retry"

    StripeWebhookEvent.objects.filter(pk=row.pk).update(
        received_at=timezone.now() - dt.timedelta(days=31)
    )
    call_command("scrub_stripe_events", stdout=io.StringIO())
    row.refresh_from_db()
    assert PAYER not in json.dumps(row.payload)
    assert row.scrubbed_at is not None


@pytest.mark.django_db
def test_events_processed_before_scrubbing_existed_are_scrubbed_by_the_command():
    row = stored(stripe_fakes.event("invoice.paid", stripe_fakes.invoice(email=PAYER), created=NOW))
    StripeWebhookEvent.objects.filter(pk=row.pk).update(processed_at=timezone.now())
    out = io.StringIO()
    call_command("scrub_stripe_events", stdout=out)
    row.refresh_from_db()
    assert PAYER not in json.dumps(row.payload)
    assert "1" in out.getvalue()


@pytest.mark.django_db
def test_deleting_the_account_scrubs_every_event_about_the_reader_and_no_other():
    reader = UserFactory()
    StripeSubscriptionFactory(
        user=reader, stripe_customer_id="cus_reader", stripe_subscription_id="sub_reader"
    )
    by_customer = stored(
        stripe_fakes.event(
            "invoice.paid",
            {**stripe_fakes.invoice(sub_id="sub_reader", email=PAYER), "customer": "cus_reader"},
            created=NOW,
        )
    )
    by_account = stored(
        stripe_fakes.event(
            "checkout.session.completed",
            checkout_session(user=reader, customer="cus_reader"),
            created=NOW,
        )
    )
    other = stored(
        stripe_fakes.event(
            "invoice.paid",
            {**stripe_fakes.invoice(email="annan@example.org"), "customer": "cus_other"},
            created=NOW,
        )
    )
    personal_data.erase_all(reader)
    for row in (by_customer, by_account):
        row.refresh_from_db()
        assert event_privacy.personal_fields(row.payload) == ()
        assert row.payload["data"]["object"]["customer"] == "cus_reader"
    other.refresh_from_db()
    assert other.payload["data"]["object"]["customer_email"] == "annan@example.org"


@pytest.mark.django_db
def test_export_lists_stored_events_what_they_keep_and_why(client):
    reader = UserFactory()
    StripeSubscriptionFactory(
        user=reader, stripe_customer_id="cus_reader", stripe_subscription_id="sub_reader"
    )
    waiting = stored(
        stripe_fakes.event(
            "checkout.session.completed",
            checkout_session(user=reader, customer="cus_reader"),
            created=NOW,
        )
    )
    done = stored(
        stripe_fakes.event(
            "invoice.paid",
            {**stripe_fakes.invoice(sub_id="sub_reader", email=PAYER), "customer": "cus_reader"},
            created=NOW + 1,
        )
    )
    event_privacy.scrub_row(done, now=timezone.now())
    stored(
        stripe_fakes.event(
            "invoice.paid",
            {**stripe_fakes.invoice(email="annan@example.org"), "customer": "cus_other"},
            created=NOW,
        )
    )
    client.force_login(reader)
    events = json.loads(client.get("/konto/mina-uppgifter.json").content)["subscriptions"][
        "stripe_events"
    ]
    assert [e["id"] for e in events] == [waiting.event_id, done.event_id]
    assert events[0]["type"] == "checkout.session.completed"
    assert "customer_details" in " ".join(events[0]["personal_fields_kept"])
    assert "data.object.customer_email" in events[0]["personal_fields_kept"]
    assert "inte behandlad" in events[0]["why"]
    assert events[1]["personal_fields_kept"] == []
    assert events[1]["why"] == "Inga personuppgifter sparas i händelsen."


def test_privacy_page_says_how_long_payment_messages_keep_names(client, tree, settings):
    settings.STRIPE_EVENT_RETENTION_DAYS = 12
    text = " ".join(client.get("/integritet/").content.decode().split())
    assert "senast efter 12 dagar, och direkt om du raderar kontot" in text
