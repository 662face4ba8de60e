import datetime as dt

import pytest
from allauth.account.models import EmailAddress

from tests.factories import ArticlePageFactory, UserFactory
from tests.paywall.helpers import NOVEMBER
from tests.replay import replayed
from utgivare.paywall import gate
from utgivare.subscriptions.lifecycle import Actor, register_manual
from utgivare.subscriptions.models import Plan


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """The gate's clock, fixed in November 2026; set `clock.now` to move it."""
    fixed = Clock(NOVEMBER)
    monkeypatch.setattr(gate, "now", fixed)
    return fixed


@replayed
def article_in(section, title, access_level=None):
    fields = {"access_level": access_level} if access_level else {}
    return ArticlePageFactory(parent=section, title=title, **fields)


@pytest.fixture
def articles(tree, clock):
    """Five metered (site default) articles in the first section."""
    return [article_in(tree["sections"][0], f"Granskning del {i}") for i in range(1, 6)]


@pytest.fixture
def paid_article(tree, clock):
    return article_in(tree["sections"][0], "Bara för prenumeranter", "subscribers")


@pytest.fixture
def free_article(tree, clock):
    return article_in(tree["sections"][0], "Fri läsning", "free")


def make_user(**kwargs):
    # UserFactory sets the password after saving and does not save again; without
    # this save, the session hash of a logged-in test client would not match.
    user = UserFactory(**kwargs)
    user.save()
    # A reader who has confirmed their address can log in (verification is mandatory).
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def reader(db):
    return make_user()


@pytest.fixture
def subscriber(db, django_capture_on_commit_callbacks):
    """A logged-in reader with a real manual subscription running through November 2026."""
    user = make_user()
    plan = Plan.objects.create(name="Helår", price_ore=119000, interval="year")
    with django_capture_on_commit_callbacks(execute=True):
        register_manual(
            user=user,
            plan=plan,
            source="manual",
            start=dt.date(2026, 11, 1),
            end=dt.date(2027, 10, 31),
            actor=Actor("staff"),
            now=NOVEMBER,
        )
    return user


@pytest.fixture
def staff(db):
    return make_user(is_staff=True)
