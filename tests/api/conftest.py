import json

import pytest
from django.db import transaction
from django.utils import timezone

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    IssuePageFactory,
    SectionPageFactory,
    paragraph,
    site_tree,
)
from tests.paywall.conftest import make_user
from tests.subscriptions.factories import SubscriptionFactory
from utgivare.api import tokens

OPEN = "Öppet första stycke som alla får läsa."
HIDDEN = "Dold mening som bara prenumeranter får läsa."


def body():
    return json.dumps([paragraph(OPEN), {"type": "heading", "value": "Del ett"}, paragraph(HIDDEN)])


@pytest.fixture(scope="module")
def api_site(django_db_setup, django_db_blocker):
    """Built once per module (pages are slow to make) and rolled back after it.

    Mark the module `xdist_group` so one worker builds it once."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site(api_site, db):
    """The module's site, for a test that may change rows (rolled back after the test)."""
    return api_site


def build_site():
    """Two sections, two authors, an issue, articles at every level, a blog with posts,
    and the API keys of a subscriber and of a reader without a subscription."""
    tree = site_tree()
    home = tree["home"]
    first = tree["sections"][0]
    second = SectionPageFactory(parent=home, title="Kultur", slug="kultur")
    karin = AuthorPageFactory(parent=tree["authors"], title="Karin Lund", slug="karin-lund")
    omar = AuthorPageFactory(parent=tree["authors"], title="Omar Said", slug="omar-said")
    issue = IssuePageFactory(parent=tree["issues"], number=179)
    when = timezone.now()
    articles = {
        "free": ArticlePageFactory(
            parent=first, author=karin, access_level="free", issue=issue, body=body()
        ),
        "metered": ArticlePageFactory(parent=first, author=karin, issue=issue, body=body()),
        "paid": ArticlePageFactory(
            parent=second, author=omar, access_level="subscribers", body=body()
        ),
    }
    for age, article in enumerate(articles.values()):
        # Distinct dates, oldest last: "newest" order is free, metered, paid.
        article.first_published_at = when - timezone.timedelta(days=age)
        type(article).objects.filter(pk=article.pk).update(
            first_published_at=article.first_published_at
        )
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=home), title="Karins blogg", slug="karin", writer=karin
    )
    posts = {
        "metered": BlogPostPageFactory(parent=blog, title="Om protokollen", body=body()),
        "paid": BlogPostPageFactory(
            parent=blog, title="Om hyrorna", access_level="subscribers", body=body()
        ),
    }
    subscriber = make_user()
    SubscriptionFactory(user=subscriber)
    return {
        "sections": [first, second],
        "authors": {"karin": karin, "omar": omar},
        "issue": issue,
        "articles": articles,
        "blog": blog,
        "posts": posts,
        "subscriber_key": tokens.create(subscriber, timezone.now())[1],
        "reader_key": tokens.create(make_user(), timezone.now())[1],
    }


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
