"""The demo's accounts: an editor, a reader and a subscriber, loaded any number of times."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from utgivare.demo.accounts import DEMO_PASSWORD, load_accounts
from utgivare.subscriptions.entitlements import for_reader
from utgivare.subscriptions.models import Payment, Plan, Subscription

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_demo_has_an_editor_a_reader_and_a_subscriber():
    logins = load_accounts()
    assert [email for _, email, _ in logins] == [
        "redaktor@example.org",
        "lasare@example.org",
        "prenumerant@example.org",
    ]
    assert User.objects.get(email="redaktor@example.org").is_superuser
    assert not for_reader(
        User.objects.get(email="lasare@example.org"), timezone.now()
    ).is_subscriber
    entitled = for_reader(User.objects.get(email="prenumerant@example.org"), timezone.now())
    assert entitled.is_subscriber
    assert entitled.reason == "Prenumeration: Helår"
    assert {plan.name: plan.price_display for plan in Plan.objects.all()} == {
        "Helår": "1\u00a0195\u00a0kr/år",
        "Månad": "119\u00a0kr/månad",
    }


def test_loading_twice_changes_nothing():
    load_accounts()
    load_accounts()
    assert User.objects.count() == 3
    assert Subscription.objects.count() == 1
    assert Payment.objects.count() == 1
    assert Plan.objects.count() == 2


def test_demo_subscriber_logs_in_with_the_printed_password(client):
    load_accounts()
    response = client.post(
        "/konto/login/", {"login": "prenumerant@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_changed_password_is_kept_and_not_printed():
    load_accounts()
    reader = User.objects.get(email="lasare@example.org")
    reader.set_password("mitt eget lösenord")
    reader.save()
    logins = dict((email, password) for _, email, password in load_accounts())
    assert logins["lasare@example.org"] == "(ändrat – okänt)"
    reader.refresh_from_db()
    assert reader.check_password("mitt eget lösenord")
