import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.paywall.conftest import make_user
from tests.podcasts.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    notes,
)
from utgivare.subscriptions.lifecycle import Actor, register_manual
from utgivare.subscriptions.models import Plan


@pytest.fixture
def show(tree):
    index = PodcastIndexPageFactory(parent=tree["home"])
    return PodcastShowPageFactory(parent=index, title="Kurirens kvart", slug="kurirens-kvart")


@pytest.fixture
def free_episode(show):
    return PodcastEpisodePageFactory(
        parent=show,
        title="Fritt avsnitt",
        access_level="free",
        transcript="WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nFri utskrift.\n",
        date=timezone.now() - dt.timedelta(days=2),
    )


@pytest.fixture
def paid_episode(show):
    return PodcastEpisodePageFactory(
        parent=show,
        title="Betalt avsnitt",
        access_level="subscribers",
        body=notes("Öppna shownotes.", "Shownotes bara för prenumeranter."),
        transcript="Utskrift bara för prenumeranter.",
    )


def subscribe(user, *, start, end):
    plan = Plan.objects.first() or Plan.objects.create(
        name="Helår", price_ore=119000, interval="year"
    )
    register_manual(
        user=user,
        plan=plan,
        source="manual",
        start=start,
        end=end,
        actor=Actor("staff"),
        now=timezone.now(),
    )


@pytest.fixture
def listener(db, django_capture_on_commit_callbacks):
    """A subscriber (now) with a name, logged in on `listener.client`."""
    user = make_user(first_name="Pia", last_name="Prenumerant")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(user, start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=300))
    user.client = Client()
    user.client.force_login(user)
    return user


@pytest.fixture
def lapsed(db, django_capture_on_commit_callbacks):
    """A reader whose subscription ended last month."""
    user = make_user(first_name="Lena", last_name="Lapsad")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(user, start=today - dt.timedelta(days=400), end=today - dt.timedelta(days=35))
    return user
