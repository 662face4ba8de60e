"""Ladda ner mina uppgifter: everything stored about the reader, as JSON."""

import json

import pytest

from tests.subscriptions.factories import PaymentFactory, UserFactory
from utgivare.core import personal_data

pytestmark = pytest.mark.django_db


def test_export_is_a_json_download_of_the_readers_own_data(client):
    payment = PaymentFactory(amount_ore=119500, payer_name="Lisa Läsare")
    PaymentFactory(payer_email="nagon-annan@example.org")
    client.force_login(payment.user)
    response = client.get("/konto/mina-uppgifter.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == payment.user.email
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["subscriptions"]["subscriptions"][0]["plan"] == payment.subscription.plan.name
    assert data["subscriptions"]["payments"] == [
        {
            "paid_at": payment.paid_at.isoformat(),
            "amount_ore": 119500,
            "currency": "SEK",
            "description": payment.description,
            "payer_name": "Lisa Läsare",
            "payer_email": payment.user.email,
            "reference": "",
        }
    ]
    assert "nagon-annan@example.org" not in response.content.decode()


def test_export_includes_every_registered_app(client):
    client.force_login(UserFactory())
    data = json.loads(client.get("/konto/mina-uppgifter.json").content)
    assert {handler.name for handler in personal_data.handlers()} <= set(data)


def test_export_requires_login(client):
    assert client.get("/konto/mina-uppgifter.json").status_code == 302
