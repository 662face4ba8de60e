"""An address a reader added but never confirmed ties nothing to their account.

Anyone can type a stranger's address into their account (or sign up with it
and never confirm). Every app's "download my data" and "delete my account"
handler, reply notices and staff-registered subscriptions must ignore such an
address. The handler tests run over every registered handler, so an app
added later is checked too.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.comments.conftest import form_data
from tests.comments.factories import CommentFactory, comment_settings
from tests.subscriptions import stripe_fakes
from tests.subscriptions.factories import (
    PaymentFactory,
    StripeSubscriptionFactory,
    UserFactory,
)
from utgivare.comments.models import Comment
from utgivare.comments.moderation import ModerationMode
from utgivare.core import addresses, personal_data
from utgivare.core.readers import get_or_create_reader, reader_by_email
from utgivare.paywall.models import AccountMeter
from utgivare.subscriptions import webhooks

STRANGER = "framling@example.org"
# Strings that appear only in the stranger's data: none may reach the intruder.
SECRETS = ("Främlingens hemliga ord", "hash-framling", "Fri Främling", "cus_framling")

HANDLERS = personal_data.handlers()


def test_every_app_with_personal_data_is_checked():
    assert {"account", "comments", "subscriptions", "paywall"} <= {h.name for h in HANDLERS}


@pytest.fixture
def stranger(article):
    """Someone with comments (as a guest and logged in), a card subscription,
    a payment, a stored Stripe event and a meter, all under STRANGER."""
    user = UserFactory(email=STRANGER, first_name="Fri", last_name="Främling")
    CommentFactory(
        page=article,
        author_email=STRANGER,
        author_name="Fri Främling",
        text="Främlingens hemliga ord, som gäst.",
        ip_hash="hash-framling",
    )
    CommentFactory(page=article, user=user, author_email=STRANGER, text="Främlingens hemliga ord.")
    sub = StripeSubscriptionFactory(
        user=user, stripe_customer_id="cus_framling", stripe_subscription_id="sub_framling"
    )
    PaymentFactory(subscription=sub, payer_name="Fri Främling")
    invoice = {
        **stripe_fakes.invoice(sub_id="sub_framling", email=STRANGER),
        "customer": "cus_framling",
        "customer_name": "Fri Främling",
    }
    webhooks.store(stripe_fakes.event("invoice.paid", invoice, created=1_800_000_000))
    AccountMeter.objects.create(user=user, month="2026-11", piece_ids=[article.pk])
    return user


def _added_unconfirmed(db):
    """A reader who typed the stranger's address under "Lägg till e-postadress"."""
    intruder = UserFactory(email="inkräktare@example.org")
    EmailAddress.objects.create(user=intruder, email=STRANGER.upper(), verified=False)
    return intruder


def _signed_up_unconfirmed(db):
    """A reader who signed up with the stranger's address and never confirmed it."""
    intruder = UserFactory(email=STRANGER, verified_email=False)
    EmailAddress.objects.create(user=intruder, email=STRANGER, verified=False, primary=True)
    return intruder


@pytest.fixture(params=[_added_unconfirmed, _signed_up_unconfirmed], ids=["added", "signed_up"])
def intruder(request, db):
    return request.param(db)


def _fingerprint(user) -> str:
    return json.dumps(personal_data.export_all(user), sort_keys=True, default=str)


@pytest.mark.parametrize("handler", HANDLERS, ids=[h.name for h in HANDLERS])
def test_export_shows_nothing_of_the_strangers_data(handler, stranger, intruder):
    exported = json.dumps(handler.export(intruder), ensure_ascii=False, default=str)
    for secret in SECRETS:
        assert secret not in exported


@pytest.mark.parametrize("handler", HANDLERS, ids=[h.name for h in HANDLERS])
def test_erasing_the_account_leaves_the_strangers_data(handler, stranger, intruder):
    before = _fingerprint(stranger)
    stored_event = json.dumps(list(webhooks.StripeWebhookEvent.objects.values("payload")))
    handler.erase(intruder)
    assert _fingerprint(stranger) == before
    assert json.dumps(list(webhooks.StripeWebhookEvent.objects.values("payload"))) == stored_event
    assert Comment.objects.filter(author_email=STRANGER).count() == 2


def test_once_confirmed_the_readers_guest_comments_are_theirs(article):
    """The control: the same guest comment does belong to whoever confirms the address."""
    CommentFactory(page=article, author_email=STRANGER, text="Främlingens hemliga ord.")
    owner = UserFactory(email=STRANGER)
    exported = json.dumps(personal_data.export_all(owner), ensure_ascii=False)
    assert "Främlingens hemliga ord." in exported


def test_confirmed_addresses_are_the_verified_ones_only(db):
    reader = UserFactory(email="Eva@Example.org")
    EmailAddress.objects.create(user=reader, email="annan@example.org", verified=False)
    EmailAddress.objects.create(user=reader, email="Jobb@Example.org", verified=True)
    assert addresses.confirmed_addresses(reader) == {"eva@example.org", "jobb@example.org"}
    unconfirmed = UserFactory(verified_email=False)
    assert addresses.confirmed_addresses(unconfirmed) == frozenset()


def test_reply_notices_are_not_switched_on_for_an_unconfirmed_address(
    client, article, tree, intruder, django_capture_on_commit_callbacks, mailoutbox
):
    comment_settings(tree["site"], moderation_mode=ModerationMode.POST, notify_moderators=False)
    client.force_login(intruder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("comments:post", args=[article.pk]),
            form_data(email=STRANGER, notify_replies="on"),
        )
    comment = Comment.objects.get(user=intruder)
    assert comment.notify_replies and not comment.notify_confirmed
    # Only the owner of the address can switch them on, by the link sent there.
    assert [m.to for m in mailoutbox] == [[STRANGER]]


def test_staff_registering_a_subscription_never_attach_it_to_an_unconfirmed_holder(intruder):
    assert reader_by_email(STRANGER) is None
    reader, created = get_or_create_reader(STRANGER)
    assert created and reader != intruder
    assert addresses.confirmed_addresses(reader) == {STRANGER}


def test_staff_registering_a_subscription_find_the_confirmed_owner(db):
    owner = UserFactory(email=STRANGER)
    _added_unconfirmed(db)
    assert reader_by_email(STRANGER.upper()) == owner
    assert get_or_create_reader(STRANGER) == (owner, False)
