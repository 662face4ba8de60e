"""for_reader(user, now): the paywall's question, answered from the database."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.subscriptions.factories import PlanFactory, SubscriptionFactory, UserFactory
from utgivare.subscriptions.choices import ARTICLE, PODCAST_EPISODE, Status
from utgivare.subscriptions.entitlements import for_reader

pytestmark = pytest.mark.django_db


def test_anonymous_reader_is_not_a_subscriber():
    assert not for_reader(AnonymousUser(), timezone.now()).is_subscriber
    assert not for_reader(None, timezone.now()).is_subscriber


def test_subscriber_reads_everything_the_plan_includes():
    subscription = SubscriptionFactory(plan__name="Helår")
    result = for_reader(subscription.user, timezone.now())
    assert result.covers(ARTICLE) and result.covers(PODCAST_EPISODE)
    assert result.reason == "Prenumeration: Helår"


def test_plan_no_longer_sold_still_works_for_its_subscribers():
    subscription = SubscriptionFactory(plan=PlanFactory(active=False))
    assert for_reader(subscription.user, timezone.now()).is_subscriber


def test_subscription_that_ran_out_gives_no_access():
    now = timezone.now()
    subscription = SubscriptionFactory(
        current_period_start=now - dt.timedelta(days=40),
        current_period_end=now - dt.timedelta(days=9),
    )
    assert not for_reader(subscription.user, now).is_subscriber


def test_reader_with_a_checkout_not_yet_paid_is_not_a_subscriber():
    subscription = SubscriptionFactory(status=Status.INCOMPLETE, started_at=None)
    assert not for_reader(subscription.user, timezone.now()).is_subscriber


def test_two_plans_give_the_union_of_what_they_include():
    reader = UserFactory()
    SubscriptionFactory(user=reader, plan=PlanFactory(includes_podcast=False, includes_webtv=False))
    SubscriptionFactory(
        user=reader,
        plan=PlanFactory(includes_articles=False, includes_blogs=False, includes_webtv=False),
    )
    result = for_reader(reader, timezone.now())
    assert result.content_types == {"article", "blog_post", "podcast_episode"}


def test_another_readers_subscription_gives_nothing():
    SubscriptionFactory()
    assert not for_reader(UserFactory(), timezone.now()).is_subscriber
