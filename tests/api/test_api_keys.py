"""A reader makes an API key on Mitt konto, sees it once, uses it, and revokes it."""

import re

import pytest
from django.test import Client

from tests.api.conftest import HIDDEN, bearer
from tests.paywall.conftest import make_user
from tests.subscriptions.factories import SubscriptionFactory
from utgivare.api import tokens
from utgivare.api.models import ApiToken
from utgivare.core import personal_data

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_keys")]


def press(client, action):
    """Press a button of the key section on Mitt konto, as a browser does (CSRF token)."""
    page = client.get("/konto/").content.decode()
    section = page[page.index('id="api"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', section).group(1)
    assert f'value="{action}"' in section
    return client.post("/konto/api-nyckel/", {"action": action, "csrfmiddlewaretoken": token})


def make_key(client):
    response = press(client, "create")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    return re.search(r'id="api-key">(utg_[^<]+)<', response.content.decode()).group(1)


def test_a_subscriber_makes_uses_and_revokes_a_key(site):
    client = Client(enforce_csrf_checks=True)
    user = make_user()
    SubscriptionFactory(user=user)
    client.force_login(user)
    assert "Skapa en API-nyckel" in client.get("/konto/").content.decode()

    key = make_key(client)
    stored = ApiToken.objects.get(user=user)
    # Only a hash is stored; Mitt konto shows the start of the key, never the key again.
    assert key not in (stored.key_hash, stored.prefix) and stored.key_hash == tokens.key_hash(key)
    overview = client.get("/konto/").content.decode()
    assert stored.prefix in overview and key not in overview

    paid = site["articles"]["paid"]
    api = Client()  # a program: no session, only the key
    answer = api.get(f"/api/articles/{paid.pk}/", **bearer(key))
    assert HIDDEN in answer.json()["body_html"]
    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=None)
    api.get("/api/sections/", **bearer(key))
    assert ApiToken.objects.get(pk=stored.pk).last_used_at is not None

    assert press(client, "revoke").status_code == 302
    refused = api.get(f"/api/articles/{paid.pk}/", **bearer(key))
    assert refused.status_code == 401
    assert refused.json()["code"] == "bad_key"
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert "Skapa en API-nyckel" in client.get("/konto/").content.decode()


def test_a_new_key_replaces_the_old_one(client, site):
    user = make_user()
    client.force_login(user)
    old, new = make_key(client), make_key(client)
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1
    assert client.get("/api/sections/", **bearer(old)).status_code == 401
    assert client.get("/api/sections/", **bearer(new)).status_code == 200


@pytest.mark.parametrize(
    "header",
    ["Bearer utg_finnsinte", "Bearer", "Basic dXNlcjpwdw==", "Bearer " + "utg_" + "x" * 500],
)
def test_an_unknown_or_malformed_key_is_refused_not_treated_as_anonymous(client, site, header):
    response = client.get("/api/articles/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Cache-Control"] == "no-store"


def test_making_a_key_needs_a_login_and_a_post(client, site):
    before = ApiToken.objects.count()
    response = client.post("/konto/api-nyckel/", {"action": "create"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(make_user())
    assert client.get("/konto/api-nyckel/").status_code == 302
    assert ApiToken.objects.count() == before


def test_the_data_export_lists_keys_without_their_hash_and_deletion_removes_them(site):
    user = make_user()
    key = tokens.create(user, user.date_joined)[1]
    exported = personal_data.export_all(user)["api_tokens"]
    assert exported[0]["prefix"] == key[: tokens.SHOWN_CHARACTERS]
    assert tokens.key_hash(key) not in str(exported)
    personal_data.erase_all(user)
    assert not ApiToken.objects.filter(user=user).exists()
