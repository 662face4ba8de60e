"""Nobody can tell from the site whether an address has an account.

Sign-up, password login, login by code and password reset answer a known
address and an unknown one alike: the same status, redirect, cookies and page
(after the address itself and CSRF tokens are taken out), the same password
hashing work, and (loosely, as a sanity check) about the same time.
"""

import re
import statistics
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher, PBKDF2PasswordHasher
from django.core import mail
from django.test import Client
from django_tasks import default_task_backend

from tests.subscriptions.factories import UserFactory

pytestmark = pytest.mark.django_db

KNOWN = "finns@example.org"
PASSWORD = "ett långt lösenord"
WRONG = "fel lösenord igen"


class CountingHasher(MD5PasswordHasher):
    """MD5 for speed, counting every hash it computes (checking a password
    computes one too)."""

    algorithm = "counting_md5"
    computed = 0

    def encode(self, password, salt):
        CountingHasher.computed += 1
        return super().encode(password, salt)


class SlowHasher(PBKDF2PasswordHasher):
    """The real hasher with fewer rounds: slow enough (tens of ms) that a path
    that skips it stands out, fast enough for the suite."""

    algorithm = "pbkdf2_sha256_test"
    iterations = 50_000


def _signup(client, email):
    return client.post(
        "/konto/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def _signup_without_password(client, email):
    return client.post("/konto/signup/", {"email": email})


def _login(client, email):
    return client.post("/konto/login/", {"login": email, "password": WRONG})


def _login_by_code(client, email):
    return client.post("/konto/login/code/", {"email": email})


def _reset(client, email):
    return client.post("/konto/password/reset/", {"email": email})


FLOWS = {
    "signup": _signup,
    "signup_without_password": _signup_without_password,
    "login": _login,
    "login_by_code": _login_by_code,
    "password_reset": _reset,
}


@pytest.fixture(params=["with_password", "code_only"])
def known(request, settings):
    """A reader with an account: one who set a password, one who logs in by code."""
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    settings.ACCOUNT_RATE_LIMITS = False
    user = UserFactory(email=KNOWN)
    if request.param == "code_only":
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _normalised(text: str, email: str) -> str:
    text = text.replace(email, "ADDRESS")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", text)
    return re.sub(r'nonce="[^"]+"', "NONCE", text)


def _answer(flow, email):
    """Everything the person at the keyboard sees: the response and the page it leads to."""
    client = Client()
    response = flow(client, email)
    seen = {
        "status": response.status_code,
        "location": response.get("Location"),
        "cookies": sorted(response.cookies),
        "body": _normalised(response.content.decode(), email),
    }
    if response.status_code == 302:
        follow = client.get(response["Location"])
        seen["next_status"] = follow.status_code
        seen["next_body"] = _normalised(follow.content.decode(), email)
    return seen


@pytest.mark.parametrize("flow", FLOWS.values(), ids=FLOWS.keys())
def test_known_and_unknown_addresses_get_the_same_answer(flow, known):
    assert _answer(flow, KNOWN) == _answer(flow, "ingen@example.org")


@pytest.mark.parametrize("flow", FLOWS.values(), ids=FLOWS.keys())
def test_known_and_unknown_addresses_cost_the_same_password_hashing(flow, known):
    CountingHasher.computed = 0
    flow(Client(), KNOWN)
    for_known = CountingHasher.computed
    CountingHasher.computed = 0
    flow(Client(), "ingen@example.org")
    assert CountingHasher.computed == for_known


@pytest.mark.parametrize("flow", FLOWS.values(), ids=FLOWS.keys())
def test_mail_is_left_to_a_task_for_known_and_unknown_addresses(flow, known, settings):
    """The request only enqueues: a slow mail server slows neither answer."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queued = {}
    for side, email in (("known", KNOWN), ("unknown", "ingen@example.org")):
        default_task_backend.clear()
        flow(Client(), email)
        queued[side] = [r.task.name for r in default_task_backend.results]
    assert mail.outbox == []
    assert queued["known"] == queued["unknown"]
    assert set(queued["known"]) <= {"send_account_mail"}


@pytest.mark.parametrize("flow", FLOWS.values(), ids=FLOWS.keys())
def test_known_and_unknown_addresses_take_about_as_long(flow, settings):
    """A loose sanity check; the hash count above is the real one. It measures this
    thread's CPU time, not wall time, so other work on a shared machine (CI runs two
    workers on two cores) cannot tip it; database round trips are not in it."""
    settings.PASSWORD_HASHERS = [f"{__name__}.SlowHasher"]
    settings.ACCOUNT_RATE_LIMITS = False
    UserFactory(email=KNOWN)
    durations = {"known": [], "unknown": []}
    for i in range(15):
        for side, email in (("known", KNOWN), ("unknown", f"ny{i}@example.org")):
            client = Client()
            started = time.thread_time()
            flow(client, email)
            durations[side].append(time.thread_time() - started)
    ratio = statistics.median(durations["known"]) / statistics.median(durations["unknown"])
    assert 0.5 < ratio < 2, durations
