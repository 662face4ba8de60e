"""A logged-in reader's own rows, kept between requests.

Every page a logged-in reader opens loads their user row (Django's session
check), their subscriptions (the entitlements) and, on a metered piece, their
meter: three ORM queries whose compiling costs far more than running them, for
rows that change rarely (a login, a password or profile change, a subscription
change, a first read of a piece).

Each reader has a version, the page-cache tag `reader:<id>` (a core.CacheTag
row), bumped in the transaction of every change to those rows by the app that
owns them (signals: `bump_reader`); `readers` is bumped when something shared by
many readers changes (a plan). At the start of a logged-in request both are read
in one plain query, never remembered between requests, so a change is seen by
the next request in every process; what is kept is keyed by them. The versions
are read before the rows they guard, so a row older than the version it is kept
under is never stored.

Parts (`part(user, name, load)`) are kept for users loaded by
`user_for_session` (request.user) only; any other user object reads the
database. A bump in this process also stops the current request using what it
loaded before the change. With the page cache off (PAGE_CACHE_SECONDS=0, as in
tests) nothing is kept.

The kept user row holds the password hash, as the database does (the session
check needs it): the cache must be as private as the database.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import connection
from django.utils.crypto import constant_time_compare

from . import page_cache

STATE_ATTR = "_utgivare_reader_rows"
READERS = "readers"
CACHE_SECONDS = 3600
_USER = "user"
_SQL = None

# Bumps made by this process; a request's kept rows from before a bump are not used.
_generation = 0
# Names of the parts fetched with the user row (registered by the apps that own them).
_PARTS: list[str] = []


def register_part(name: str) -> None:
    """Fetch part `name` with the user row (one cache round trip for all)."""
    if name not in _PARTS:
        _PARTS.append(name)


def reader_tag(user_id) -> str:
    return f"reader:{user_id}"


@dataclass
class _Rows:
    prefix: str
    generation: int
    found: dict = field(default_factory=dict)


def enabled() -> bool:
    return page_cache.enabled()


def _versions(user_id) -> tuple[int, int]:
    global _SQL
    if _SQL is None:
        _SQL = f"SELECT name, version FROM {page_cache._table()} WHERE name IN (%s, %s)"  # noqa: S608 - our table
    own = reader_tag(user_id)
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [own, READERS])
        found = dict(cursor.fetchall())
    return found.get(own, 0), found.get(READERS, 0)


def user_for_session(backend, user_id, parts=()):
    """`backend.get_user(user_id)` (a ModelBackend's), the row kept by the reader's
    versions; the kept values of `parts` fetched with it in one cache round trip."""
    if not enabled():
        return backend.get_user(user_id)
    own, shared = _versions(user_id)
    rows = _Rows(prefix=f"utgivare:reader:{user_id}:{own}:{shared}:", generation=_generation)
    keys = [rows.prefix + name for name in (_USER, *parts)]
    found = cache.get_many(keys)
    rows.found = {key.removeprefix(rows.prefix): value for key, value in found.items()}
    user = rows.found.get(_USER)
    if user is None:
        user_model = get_user_model()
        user = user_model._default_manager.filter(pk=user_id).first()
        if user is None:
            return None
        cache.set(rows.prefix + _USER, user, CACHE_SECONDS)
    if not backend.user_can_authenticate(user):
        return None
    setattr(user, STATE_ATTR, rows)
    return user


def get_user(request):
    """`django.contrib.auth.get_user`, with the user row from `user_for_session` when
    the session names a backend that loads users as ModelBackend does (Django's, ours,
    allauth's). The session check is Django's, line for line: a session whose hash no
    longer matches (the password changed) is flushed and the reader is anonymous."""
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415

    session = request.session
    try:
        user_id = get_user_model()._meta.pk.to_python(session[auth.SESSION_KEY])
        backend_path = session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return AnonymousUser()
    backend = auth.load_backend(backend_path)
    if getattr(type(backend), "get_user", None) is not ModelBackend.get_user:
        return auth.get_user(request)  # a backend with its own way of loading users
    user = user_for_session(backend, user_id, _PARTS)
    if user is None:
        return AnonymousUser()
    session_hash = session.get(auth.HASH_SESSION_KEY)
    session_auth_hash = user.get_session_auth_hash()
    if session_hash and constant_time_compare(session_hash, session_auth_hash):
        return user
    # As Django: a hash made with a fallback secret is renewed, anything else logs out.
    if session_hash and any(
        constant_time_compare(session_hash, fallback_auth_hash)
        for fallback_auth_hash in user.get_session_auth_fallback_hash()
    ):
        session.cycle_key()
        session[auth.HASH_SESSION_KEY] = session_auth_hash
        return user
    session.flush()
    return AnonymousUser()


def part(user, name: str, load):
    """`load()` for this reader, kept under their versions when `user` came from
    `user_for_session`; else (or after a change in this process) read anew."""
    rows = getattr(user, STATE_ATTR, None)
    if rows is None or rows.generation != _generation or not enabled():
        return load()
    if name in rows.found:
        return rows.found[name]
    value = load()
    cache.set(rows.prefix + name, value, CACHE_SECONDS)
    rows.found[name] = value
    return value


def bump_reader(*user_ids) -> None:
    """The rows kept for these readers changed (in the caller's transaction)."""
    _bump([reader_tag(user_id) for user_id in user_ids if user_id is not None])


def bump_all_readers() -> None:
    """Something kept for many readers changed (a plan's name or content)."""
    _bump([READERS])


def _bump(names) -> None:
    global _generation
    _generation += 1
    if names and enabled():
        page_cache.bump_alone(*names)


def _user_changed(sender, instance=None, raw=False, **kwargs):
    if instance is not None and not raw:
        bump_reader(instance.pk)


def connect_signals():
    from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

    user_model = get_user_model()
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="reader-cache-user-save")
    post_delete.connect(_user_changed, sender=user_model, dispatch_uid="reader-cache-user-del")
