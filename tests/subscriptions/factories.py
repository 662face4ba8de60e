"""Factories for plans, subscriptions and payments (any app's tests may use them)."""

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from tests.factories import UserFactory as BaseUserFactory
from utgivare.subscriptions.choices import Interval, Source, Status
from utgivare.subscriptions.models import Payment, Plan, Subscription

PASSWORD = "correct horse battery"


def _store_password(user, create, extracted, **kwargs):
    user.set_password(extracted or PASSWORD)
    if create:
        user.save(update_fields=["password"])


class UserFactory(BaseUserFactory):
    """A reader whose password is really stored (so they can log in)."""

    password = factory.PostGeneration(_store_password)
    first_name = "Lisa"
    last_name = "Läsare"

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        """allauth lets only verified addresses log in; pass verified_email=False to skip."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


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
