"""A reader's permissions kept between requests.

Every piece a logged-in reader opens asks whether they are staff or a
moderator (`has_perm`), which costs Django's ModelBackend two queries per
request (user and group permissions). The answer changes only when a group,
a permission or a user's groups or permissions change; those bump the page
cache tag PERMISSIONS (core.page_cache, in the transaction of the change), and
the set kept for a user is keyed by it and by the user's own superuser flag
(read with the user row on every request). A process trusts a version for
page_cache.MEMO_SECONDS (1 s), so a revoked permission stops working within a
second everywhere, at once in the process that made the change. With the page
cache off (PAGE_CACHE_SECONDS=0, as in tests) nothing is kept.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import page_cache, process_copies

PERMISSIONS = "permissions"
CACHE_SECONDS = 3600


class CachingModelBackend(ModelBackend):
    """Django's ModelBackend, with `get_all_permissions` kept per user and version."""

    def get_all_permissions(self, user_obj, obj=None):
        if (
            obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
            or not page_cache.enabled()
            or hasattr(user_obj, "_perm_cache")
        ):
            return super().get_all_permissions(user_obj, obj)
        version = page_cache.read_versions([PERMISSIONS])[PERMISSIONS]
        key = f"utgivare:perms:{user_obj.pk}:{user_obj.is_superuser}:{version}"
        perms = process_copies.get(key)
        if perms is None:
            perms = set(super().get_all_permissions(user_obj))
            process_copies.set(key, perms, CACHE_SECONDS)
        # Where ModelBackend (and allauth's, its subclass) looks first.
        user_obj._perm_cache = set(perms)
        return user_obj._perm_cache


def _changed(action="", **kwargs):
    if not action or action.startswith("post_"):
        page_cache.bump(PERMISSIONS)


def connect_signals():
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"perms-m2m-{through}")
    for model in (Group, Permission):
        post_save.connect(_changed, sender=model, dispatch_uid=f"perms-save-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"perms-delete-{model}")
