"""Values whose cache key names their version are kept by each process
(core.process_copies) in front of Redis, and a change still shows on the next
request: the site, the route, the site settings, the piece shell, the author's
title in the comment form and the reader's permissions.

With local memory (SQLite's default) the copies are off, so these tests switch
them on in front of it, as they run in front of Redis.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.test import Client, override_settings

from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    HomePageFactory,
    SectionPageFactory,
    UserFactory,
)
from utgivare.core import page_cache, process_copies
from utgivare.core.cache import ResilientRedisCache
from utgivare.paywall.models import PaywallSettings

pytestmark = pytest.mark.django_db

MODERATE = "comments.moderate_comment"


@pytest.fixture(autouse=True)
def copies_on(monkeypatch):
    monkeypatch.setattr(process_copies, "enabled", lambda: True)
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    page_cache._memo.clear()
    process_copies.forget()


def banner(html):
    found = BeautifulSoup(html, "html.parser").select_one(".paywall-banner")
    return " ".join(found.get_text().split()) if found else None


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def watched_cache_reads(monkeypatch):
    """Keys read from the shared cache (not from a process copy)."""
    asked = []
    backend = type(caches["default"])
    original = backend.get

    def get(self, key, *args, **kwargs):
        asked.append(key)
        return original(self, key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", get)
    return asked


def test_a_reread_takes_site_route_settings_and_shell_from_the_process(
    article, watched_cache_reads
):
    reader = Client()
    read(reader, article.url)
    read(reader, article.url)
    watched_cache_reads.clear()
    page = read(reader, article.url)
    assert article.title in page
    kept = [key for key in watched_cache_reads if key.startswith(("utgivare:v", "utgivare:piece"))]
    assert kept == []
    assert len(process_copies.copies) >= 4  # site, route, paywall settings, shell


def test_a_published_change_shows_on_the_next_metered_read(article):
    reader = Client()
    assert article.title in read(reader, article.url)
    article.title = "Ny rubrik efter rättelse"
    article.save_revision().publish()
    assert "Ny rubrik efter rättelse" in read(reader, article.url)


def test_a_changed_paywall_limit_counts_on_the_next_request(article, tree):
    assert banner(read(Client(), article.url)).startswith("Du har 2 av 3")
    settings = PaywallSettings.for_site(tree["site"])
    settings.free_reads_per_month = 5
    settings.save()
    assert banner(read(Client(), article.url)).startswith("Du har 4 av 5")


def test_a_new_root_page_of_the_site_shows_on_the_next_request(tree):
    other_home = HomePageFactory(parent=tree["home"].get_parent(), slug="ny")
    SectionPageFactory(parent=other_home, title="Ny sektion", slug="ny-sektion")
    assert Client().get("/ny-sektion/").status_code == 404
    site = tree["site"]
    site.root_page = other_home
    site.save()
    assert "Ny sektion" in read(Client(), "/ny-sektion/")


def test_a_renamed_author_page_shows_in_the_comment_form_on_the_next_request(tree):
    user = UserFactory(first_name="Karin", last_name="Lund")
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund, redaktör", user=user)
    article = ArticlePageFactory(parent=tree["sections"][0], author=author)
    reader = Client()
    reader.force_login(user)

    def name_in_form():
        found = BeautifulSoup(read(reader, article.url), "html.parser")
        return found.select_one('input[name="name"]')["value"]

    assert name_in_form() == "Karin Lund, redaktör"
    author.title = "Karin Lund, chefredaktör"
    author.save_revision().publish()
    assert name_in_form() == "Karin Lund, chefredaktör"


def test_a_granted_permission_counts_on_the_next_request():
    user = UserFactory()

    def fresh():
        return type(user).objects.get(pk=user.pk)

    assert not fresh().has_perm(MODERATE)
    assert not fresh().has_perm(MODERATE)  # from the process's copy
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    assert fresh().has_perm(MODERATE)


def test_each_use_gets_its_own_object():
    copies = process_copies.ProcessCopies()
    copies.put("k", {"a": [1]})
    first = copies.get("k")
    first["a"].append(2)
    assert copies.get("k") == {"a": [1]}


def test_copies_are_bounded_by_entries_and_bytes_least_recently_used_first():
    copies = process_copies.ProcessCopies(max_entries=3, max_bytes=10_000)
    for name in "abc":
        copies.put(name, name)
    copies.get("a")
    copies.put("d", "d")
    assert [copies.get(name) for name in "abcd"] == ["a", None, "c", "d"]
    copies.put("big", "x" * 9_000)
    assert len(copies) <= 3 and copies.size_in_bytes <= 10_000
    assert copies.get("big") == "x" * 9_000
    copies.put("huge", "x" * (process_copies.MAX_VALUE_BYTES + 1))
    assert copies.get("huge") is None


@pytest.mark.parametrize("emptied", ["clear", "delete_pattern"])
def test_emptying_the_redis_cache_forgets_this_process_copies(emptied):
    # Redis is not there: the call falls back, and the copies are gone all the same.
    redis = ResilientRedisCache(
        "redis://127.0.0.1:1/0",
        {"OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.05, "SOCKET_TIMEOUT": 0.05}},
    )
    process_copies.copies.put("utgivare:v1:route", "kept")
    if emptied == "clear":
        redis.clear()
    else:
        redis.delete_pattern("*")
    assert process_copies.copies.get("utgivare:v1:route") is None
