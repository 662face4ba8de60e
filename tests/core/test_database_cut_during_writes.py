"""A database fault while a comment or a payment event is stored loses nothing.

The reader (or Stripe) gets a clear 503 and can send again; nothing is
half-written; whatever was acknowledged is stored exactly once.
"""

import io
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.comments.conftest import form_data
from tests.db_faults import (
    WRITE_FAULTS,
    connection_cut,
    insert_into,
    only_postgresql,
    write_fault,
)
from tests.subscriptions import stripe_fakes
from tests.subscriptions.conftest import deliver, stripe_keys  # noqa: F401 - fixtures
from tests.subscriptions.factories import StripeSubscriptionFactory
from utgivare.comments.models import Comment
from utgivare.subscriptions.models import Payment, StripeWebhookEvent

TEXT = "En lång och genomtänkt kommentar om hamnavtalet, skriven i en halvtimme."


@pytest.fixture(params=WRITE_FAULTS)
def fault(request):
    return request.param


def paid_invoice_event():
    StripeSubscriptionFactory(stripe_subscription_id="sub_test1")
    return stripe_fakes.event(
        "invoice.paid", stripe_fakes.invoice(sub_id="sub_test1"), created=int(time.time())
    )


@pytest.mark.django_db(transaction=True)
def test_comment_hit_by_a_database_fault_is_refused_with_its_text_kept(client, article, fault):
    url = reverse("comments:post", args=[article.pk])
    with write_fault(fault, Comment):
        response = client.post(url, form_data(text=TEXT))

    assert response.status_code == 503
    assert response["Retry-After"]
    assert TEXT in response.content.decode()
    assert not Comment.objects.exists()

    again = client.post(url, form_data(text=TEXT))
    assert again.status_code == 302
    assert Comment.objects.filter(text=TEXT).count() == 1


@only_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("as_json", [False, True], ids=["form", "script"])
@pytest.mark.parametrize("cut_while", ["queueing its e-mail", "saving the session"])
def test_comment_stored_before_the_cut_is_acknowledged_and_kept_once(
    client, article, settings, cut_while, as_json
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    table = {"queueing its e-mail": DBTaskResult, "saving the session": Session}[cut_while]
    headers = {"Accept": "application/json"} if as_json else {}
    url = reverse("comments:post", args=[article.pk])
    with connection_cut(insert_into(table)) as cut:
        response = client.post(url, form_data(text=TEXT), headers=headers)
    assert cut, "the fault did not happen"

    # Stored before the fault, so thanked for: "not stored" would make them send it twice.
    assert response.status_code == (201 if as_json else 302)
    if as_json:
        assert response.json()["ok"] is True
    assert Comment.objects.filter(text=TEXT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_payment_event_hit_by_a_database_fault_is_refused_and_stored_once_when_resent(
    deliver,  # noqa: F811 - fixture
    fault,
):
    paid = paid_invoice_event()
    with write_fault(fault, StripeWebhookEvent):
        response = deliver(paid)

    # Not acknowledged, so Stripe sends it again; nothing of it was kept.
    assert response.status_code == 503
    assert not StripeWebhookEvent.objects.filter(event_id=paid["id"]).exists()
    assert not Payment.objects.exists()

    assert deliver(paid).status_code == 200
    assert StripeWebhookEvent.objects.filter(event_id=paid["id"]).count() == 1
    assert Payment.objects.count() == 1


@only_postgresql
@pytest.mark.django_db(transaction=True)
def test_payment_event_stored_before_the_cut_is_acknowledged_and_applied_once(
    deliver,  # noqa: F811 - fixture
):
    paid = paid_invoice_event()
    # The event row is committed; the connection dies as it is being applied.
    table = StripeWebhookEvent._meta.db_table
    with connection_cut(f'SELECT "{table}"', after=False) as cut:
        response = deliver(paid)
    assert cut, "the fault did not happen"

    # Stored, so acknowledged; applying it is retried from the stored row.
    assert response.status_code == 200
    assert StripeWebhookEvent.objects.filter(event_id=paid["id"]).count() == 1
    call_command("process_stripe_events", stdout=io.StringIO())
    assert StripeWebhookEvent.objects.filter(event_id=paid["id"]).count() == 1
    assert Payment.objects.count() == 1
