"""Without Stripe a reader still subscribes: an order, paid by Swish or invoice, that
staff mark paid; a welcome with a receipt, and a reminder before it runs out."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.subscriptions.factories import PlanFactory, UserFactory
from utgivare.subscriptions.choices import Interval, OrderStatus, Status
from utgivare.subscriptions.lifecycle import period_end
from utgivare.subscriptions.models import Order, OrderSettings


@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.sampled_from(Interval.values))
def test_a_period_ends_the_day_before_the_next_one_starts(start, interval):
    end = period_end(start, interval)
    next_start = end + dt.timedelta(days=1)
    months = (next_start.year - start.year) * 12 + next_start.month - start.month
    assert months == (12 if interval == Interval.YEAR else 1) or next_start.day == 1
    assert 28 <= (next_start - start).days <= 366


def test_reader_orders_with_swish_and_staff_make_it_a_subscription(
    client, tree, django_capture_on_commit_callbacks
):
    OrderSettings.objects.create(site=tree["site"], swish_number="123 456 78 90")
    plan = PlanFactory(name="Digital", price_ore=11900, interval=Interval.MONTH)
    reader = UserFactory(email="lasare@example.org")
    client.force_login(reader)

    assert "/prenumerera/bestall/" in client.get("/prenumerera/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/prenumerera/bestall/",
            {
                "plan": plan.pk,
                "name": "Lisa Läsare",
                "address": "Storgatan 1\n123 45 Norrvik",
                "payment_method": "swish",
            },
        )
    assert response.status_code == 200
    order = Order.objects.get()
    assert (order.status, order.user) == (OrderStatus.PENDING, reader)
    assert "Swisha 119\xa0kr till 123 456 78 90" in response.content.decode()
    (placed,) = mail.outbox
    assert placed.to == ["lasare@example.org"]
    assert "123 456 78 90" in placed.body and f"skriv {order.pk} som meddelande" in placed.body

    staff = get_user_model().objects.create_superuser("kassan", "k@example.org", "pw")
    client.force_login(staff)
    listing = client.get("/admin/prenumerationer/bestallningar/").content.decode()
    assert "Lisa Läsare" in listing and "Markera som betald" in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/prenumerationer/bestallningar/{order.pk}/betald/")
    assert response.status_code == 302

    order.refresh_from_db()
    subscription = order.subscription
    assert order.status == OrderStatus.PAID
    assert subscription.status == Status.ACTIVE and subscription.user == reader
    today = timezone.localdate()
    last = timezone.localdate(subscription.current_period_end - dt.timedelta(microseconds=1))
    assert last == period_end(today, Interval.MONTH)
    welcome = mail.outbox[-1]
    assert welcome.subject == "Välkommen som prenumerant"
    assert "Kvitto nr" in welcome.body and "Digital: 119\xa0kr" in welcome.body

    # Ten days before its end it shows among those running out within 30 days (a month
    # may be 31 days long, so not always on the day it starts), and the reader is
    # reminded once.
    later = subscription.current_period_end - dt.timedelta(days=10)
    with_time = timezone.now
    try:
        timezone.now = lambda: later
        client.force_login(staff)  # a session that has not expired by then
        expiring = client.get("/admin/prenumerationer/prenumeranter/?loper_ut=1").content.decode()
        assert "lasare@example.org" in expiring
        call_command("send_renewal_reminders")
        call_command("send_renewal_reminders")
    finally:
        timezone.now = with_time
    reminders = [m for m in mail.outbox if m.subject == "Din prenumeration tar snart slut"]
    assert len(reminders) == 1 and "123 456 78 90" in reminders[0].body
