import pytest

from tests.factories import ArticlePageFactory, UserFactory
from tests.paywall.helpers import NOVEMBER
from utgivare.paywall import gate
from utgivare.subscriptions.entitlements import CONTENT_TYPES, NOTHING, Entitlements


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


@pytest.fixture
def articles(tree, clock):
    """Five metered (site default) articles in the first section."""
    section = tree["sections"][0]
    return [ArticlePageFactory(parent=section, title=f"Granskning del {i}") for i in range(1, 6)]


@pytest.fixture
def paid_article(tree, clock):
    return ArticlePageFactory(
        parent=tree["sections"][0], title="Bara för prenumeranter", access_level="subscribers"
    )


@pytest.fixture
def free_article(tree, clock):
    return ArticlePageFactory(parent=tree["sections"][0], title="Fri läsning", access_level="free")


def make_user(**kwargs):
    # UserFactory sets the password after saving and does not save again; without
    # this save, the session hash of a logged-in test client would not match.
    user = UserFactory(**kwargs)
    user.save()
    return user


@pytest.fixture
def reader(db):
    return make_user()


@pytest.fixture
def subscriber(db, monkeypatch):
    """A logged-in reader whose entitlements cover everything.

    Faked at the entitlements boundary (subscriptions.entitlements.for_reader),
    which is all the paywall asks.
    """
    user = make_user()
    everything = Entitlements(content_types=frozenset(CONTENT_TYPES), reason="Prenumeration")
    real = gate.for_reader

    def for_reader(who, now):
        if getattr(who, "pk", None) == user.pk:
            return everything
        return real(who, now) if getattr(who, "is_authenticated", False) else NOTHING

    monkeypatch.setattr(gate, "for_reader", for_reader)
    return user


@pytest.fixture
def staff(db):
    return make_user(is_staff=True)
