"""Factories for plans, subscriptions and payments (any app's tests may use them)."""

import datetime as dt

import factory
from django.utils import timezone

from tests.factories import UserFactory
from utgivare.subscriptions.choices import Interval, Source, Status
from utgivare.subscriptions.models import Payment, Plan, Subscription


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    name = factory.Sequence(lambda n: f"Plan {n}")
    description = "Allt: artiklar, bloggar, poddradio och webb-tv."
    price_ore = 11900
    interval = Interval.MONTH


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """An active manual subscription that began yesterday and runs a month."""

    class Meta:
        model = Subscription

    user = factory.SubFactory(UserFactory)
    plan = factory.SubFactory(PlanFactory)
    status = Status.ACTIVE
    source = Source.MANUAL
    current_period_start = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    current_period_end = factory.LazyAttribute(
        lambda o: o.current_period_start + dt.timedelta(days=31)
    )
    started_at = factory.LazyAttribute(lambda o: o.current_period_start)


class StripeSubscriptionFactory(SubscriptionFactory):
    source = Source.STRIPE
    stripe_subscription_id = factory.Sequence(lambda n: f"sub_test{n}")
    stripe_customer_id = factory.Sequence(lambda n: f"cus_test{n}")


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    subscription = factory.SubFactory(SubscriptionFactory)
    user = factory.LazyAttribute(lambda o: o.subscription.user)
    amount_ore = 11900
    paid_at = factory.LazyFunction(timezone.now)
    source = Source.MANUAL
    description = factory.LazyAttribute(lambda o: o.subscription.plan.name)
    payer_name = "Lisa Läsare"
    payer_email = factory.LazyAttribute(lambda o: o.subscription.user.email)
