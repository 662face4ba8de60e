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

Each process remembers which user a session key belonged to (a bounded map, a
hint only): a request carrying that session cookie reads the reader's versions
in the statement that reads the content version (`read_with_content_version`),
and, with sessions in the cache, fetches the session with the reader's kept rows
in one cache round trip. What counts is still the session: a hint that names
another user than the session does is not used (the versions and rows of the
session's user are then read as without a hint).

Parts (`part(user, name, load)`) are kept for users loaded by
`user_for_session` (request.user) only; any other user object reads the
database. A bump in this process also stops the current request using what it
loaded before the change. With the page cache off (PAGE_CACHE_SECONDS=0, as in
tests) nothing is kept.

The kept user row holds the password hash, as the database does (the session
check needs it): the cache must be as private as the database.
"""

from collections import OrderedDict
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
# (user id, own version, shared version), read with the content version.
VERSIONS_ATTR = "_utgivare_reader_versions"
READERS = "readers"
CACHE_SECONDS = 3600
_USER = "user"
_SQL = None

# Bumps made by this process; a request's kept rows from before a bump are not used.
_generation = 0
# Names of the parts fetched with the user row (registered by the apps that own them).
_PARTS: list[str] = []
# Session key -> the user id it last held, in this process: a hint, never trusted.
_session_users: OrderedDict[str, int] = OrderedDict()
SESSION_HINTS_MAX = 10_000
_WITH_CONTENT_SQL = None


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


def hinted_reader(request):
    """The user id this process last found in the request's session, or None."""
    if not enabled():
        return None
    session_key = getattr(request, "COOKIES", {}).get(settings.SESSION_COOKIE_NAME)
    return _session_users.get(session_key) if session_key else None


def read_with_content_version(request, content_table):
    """For core.content_version: when the session cookie names a reader this process
    knows, the content version (returned) and that reader's versions (kept on the
    request for `get_user`) in one statement; else None."""
    global _WITH_CONTENT_SQL
    user_id = hinted_reader(request)
    if user_id is None:
        return None
    if _WITH_CONTENT_SQL is None:
        _WITH_CONTENT_SQL = (
            f"SELECT '', version FROM {content_table} WHERE id = 1 "  # noqa: S608 - our tables
            f"UNION ALL SELECT name, version FROM {page_cache._table()} WHERE name IN (%s, %s)"
        )
    own = reader_tag(user_id)
    with connection.cursor() as cursor:
        cursor.execute(_WITH_CONTENT_SQL, [own, READERS])
        found = dict(cursor.fetchall())
    setattr(request, VERSIONS_ATTR, (user_id, found.get(own, 0), found.get(READERS, 0)))
    return found.get("", 0)


def _prefix(user_id, own, shared) -> str:
    return f"utgivare:reader:{user_id}:{own}:{shared}:"


def _remember_session_user(session_key, user_id) -> None:
    if not session_key or _session_users.get(session_key) == user_id:
        return
    _session_users[session_key] = user_id
    while len(_session_users) > SESSION_HINTS_MAX:
        _session_users.popitem(last=False)


def _session_with_rows(request, parts):
    """Load the session from the cache together with the hinted reader's kept rows
    (one round trip); the rows found, or None when that is not possible."""
    hinted = getattr(request, VERSIONS_ATTR, None)
    session = request.session
    if (
        hinted is None
        or hasattr(session, "_session_cache")  # already loaded
        or session.session_key is None
        or getattr(session, "cache_key", None) is None  # not a cached session store
        or settings.SESSION_CACHE_ALIAS != "default"
    ):
        return None
    prefix = _prefix(*hinted)
    session_key = session.cache_key
    found = cache.get_many([session_key, *(prefix + name for name in (_USER, *parts))])
    data = found.pop(session_key, None)
    if data is not None:
        # What cached_db's load() would answer from the cache.
        session._session_cache = data
    return {key.removeprefix(prefix): value for key, value in found.items()}


def user_for_session(backend, user_id, parts=(), *, versions=None, found=None):
    """`backend.get_user(user_id)` (a ModelBackend's), the row kept by the reader's
    versions; the kept values of `parts` fetched with it in one cache round trip.
    `versions` and `found` (the kept rows by name): already read for this user."""
    if not enabled():
        return backend.get_user(user_id)
    own, shared = versions if versions is not None else _versions(user_id)
    rows = _Rows(prefix=_prefix(user_id, own, shared), generation=_generation)
    if found is None:
        keys = [rows.prefix + name for name in (_USER, *parts)]
        found = {
            key.removeprefix(rows.prefix): value for key, value in cache.get_many(keys).items()
        }
    rows.found = found
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
    prefetched = _session_with_rows(request, _PARTS)
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
    hinted = getattr(request, VERSIONS_ATTR, None)
    if hinted is not None and hinted[0] == user_id:
        user = user_for_session(backend, user_id, _PARTS, versions=hinted[1:], found=prefetched)
    else:
        user = user_for_session(backend, user_id, _PARTS)
    if user is None:
        return AnonymousUser()
    _remember_session_user(session.session_key, user_id)
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

    from . import content_version  # noqa: PLC0415 - it imports wagtail's models

    content_version.read_alongside(read_with_content_version)

    user_model = get_user_model()
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="reader-cache-user-save")
    post_delete.connect(_user_changed, sender=user_model, dispatch_uid="reader-cache-user-del")
