"""A reader's permissions are kept between requests, and a change to them counts at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings

from tests.factories import UserFactory
from utgivare.core import page_cache

pytestmark = pytest.mark.django_db

MODERATE = "comments.moderate_comment"


@pytest.fixture(autouse=True)
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    page_cache._memo.clear()


def fresh(user):
    """The user as the next request loads it (no per-object permission cache)."""
    return type(user).objects.get(pk=user.pk)


def test_group_and_permission_changes_count_on_the_next_request(django_assert_num_queries):
    user = UserFactory()
    assert not fresh(user).has_perm(MODERATE)
    reader = fresh(user)
    with django_assert_num_queries(0):
        assert not reader.has_perm(MODERATE)  # kept from the request before
    moderators = Group.objects.create(name="Testgrupp för behörigheter")
    user.groups.add(moderators)
    assert not fresh(user).has_perm(MODERATE)  # the group has no permission yet
    moderators.permissions.add(Permission.objects.get(codename="moderate_comment"))
    assert fresh(user).has_perm(MODERATE)
    user.groups.remove(moderators)
    assert not fresh(user).has_perm(MODERATE)
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    assert fresh(user).has_perm(MODERATE)
    user.user_permissions.clear()
    assert not fresh(user).has_perm(MODERATE)


def test_a_superuser_flag_counts_without_a_bump():
    user = UserFactory()
    assert not fresh(user).has_perm(MODERATE)
    type(user).objects.filter(pk=user.pk).update(is_superuser=True)
    assert fresh(user).has_perm(MODERATE)
