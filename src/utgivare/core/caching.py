"""Who may keep a response: the one rule behind every page's Cache-Control.

A shared cache (nginx, a CDN, Django's page cache) may keep only what is the
same for every reader, and must never replay one reader's Set-Cookie to
another. `decide` takes the facts about one response (gathered by
`core.middleware.SharedCacheSafetyMiddleware`, the outermost middleware, so it
sees every cookie and every header the rest of the stack set) and says who may
keep it. Apps that know a response depends on the reader in a way the facts
cannot show say so with `mark_personal(request, reason)`.
"""

import os
from dataclasses import dataclass

from django.utils.cache import patch_cache_control, patch_vary_headers

# A shared cache may keep it: nothing in it depends on who asked, and it sets no cookie.
PUBLIC = "public"
# Only the reader's own browser may keep it.
PRIVATE = "private"
# Nobody keeps it (the view said so; we never weaken that).
NO_STORE = "no-store"

_PERSONAL_ATTR = "_utgivare_personal"

# What a page every reader may share says (Cache-Control: public, max-age, s-maxage):
# - Browsers ask again every time (max-age=0): the app answers a shared page from its
#   own cache in well under a millisecond, and a reader who has just logged in,
#   subscribed or chosen a language must not be shown the page of before.
# - A shared cache (the shipped nginx config) keeps it a few seconds: enough to take
#   the load of a busy page, short enough that publishing shows within seconds
#   without a purge (nginx OSS has none). The app's own page cache
#   (core.page_cache) is purged exactly and holds pages for much longer.
BROWSER_SECONDS = int(os.environ.get("UTGIVARE_BROWSER_CACHE_SECONDS", "0"))
SHARED_SECONDS = int(os.environ.get("UTGIVARE_SHARED_CACHE_SECONDS", "5"))


@dataclass(frozen=True)
class ResponseFacts:
    """What one response did that could make it personal."""

    # It sets (or deletes) a cookie: a cache would replay the Set-Cookie.
    sets_cookie: bool = False
    # The reader is logged in: menus, names, entitlements.
    authenticated: bool = False
    # It read the reader's own session (the request carried a session cookie):
    # held comments, "already reported", anything kept per browser.
    read_session: bool = False
    # The body holds a CSRF token, which is per browser.
    used_csrf_token: bool = False
    # It showed a one-time message ("Du är utloggad.").
    showed_messages: bool = False
    # Reasons other apps gave with mark_personal (the paywall's meter, …).
    marked_personal: tuple[str, ...] = ()
    # What the view's own Cache-Control already says: NO_STORE, PRIVATE or "".
    declared: str = ""
    # The reader chose a language (a cookie): the page depends on that cookie.
    chose_language: bool = False


@dataclass(frozen=True)
class CacheDecision:
    scope: str
    reasons: tuple[str, ...] = ()
    # A public answer varies on Cookie only when a cookie changed it (the language).
    varies_on_cookie: bool = True

    @property
    def shareable(self) -> bool:
        return self.scope == PUBLIC


def decide(facts: ResponseFacts) -> CacheDecision:
    """Never PUBLIC when anything personal holds; a Set-Cookie is personal.

    So a response a shared cache may keep carries no Set-Cookie, and a view
    can make a response stricter than this rule but never looser.
    """
    reasons = tuple(
        name
        for name, holds in (
            ("sets_cookie", facts.sets_cookie),
            ("authenticated", facts.authenticated),
            ("read_session", facts.read_session),
            ("used_csrf_token", facts.used_csrf_token),
            ("showed_messages", facts.showed_messages),
        )
        if holds
    ) + tuple(facts.marked_personal)
    if facts.declared == NO_STORE:
        return CacheDecision(NO_STORE, ("declared", *reasons))
    if facts.declared == PRIVATE:
        return CacheDecision(PRIVATE, ("declared", *reasons))
    if reasons:
        return CacheDecision(PRIVATE, reasons)
    # Same for every reader: an unrelated cookie (analytics, a consent banner,
    # the meter on a free page) must not split a shared cache into a copy per reader.
    return CacheDecision(PUBLIC, varies_on_cookie=facts.chose_language)


def mark_personal(request, reason: str) -> None:
    """Say that this request's response depends on who is reading it."""
    marked = getattr(request, _PERSONAL_ATTR, None)
    if marked is None:
        marked = []
        setattr(request, _PERSONAL_ATTR, marked)
    if reason not in marked:
        marked.append(reason)


def marked_personal(request) -> tuple[str, ...]:
    return tuple(getattr(request, _PERSONAL_ATTR, ()) or ())


def cache_directives(response) -> dict[str, str]:
    """The response's Cache-Control as {directive: value} (lower-case names)."""
    directives = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _sep, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip()
    return directives


def declared_scope(response) -> str:
    directives = cache_directives(response)
    if "no-store" in directives:
        return NO_STORE
    if "private" in directives:
        return PRIVATE
    return ""


def apply(decision: CacheDecision, response) -> None:
    """Write the decision into the headers, keeping what the view said where it is stricter."""
    if decision.scope == PUBLIC:
        _apply_public(decision, response)
        return
    directives = cache_directives(response)
    if "s-maxage" in directives or "public" in directives:
        # Only a shared cache reads these; a personal response keeps none of them.
        kept = {
            name: value
            for name, value in directives.items()
            if name not in ("s-maxage", "public", "proxy-revalidate")
        }
        response["Cache-Control"] = ", ".join(
            f"{name}={value}" if value else name for name, value in kept.items()
        )
        if not kept:
            del response["Cache-Control"]
        directives = kept
    if decision.scope == PRIVATE:
        if "max-age" in directives:
            patch_cache_control(response, private=True)
        else:
            # The reader's browser asks again each time: after logging out,
            # reading on the meter or posting, the old page is stale.
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
    patch_vary_headers(response, ("Cookie",))


def _apply_public(decision: CacheDecision, response) -> None:
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS, s_maxage=SHARED_SECONDS)
    if not decision.varies_on_cookie and response.has_header("Vary"):
        kept = [
            value.strip()
            for value in response["Vary"].split(",")
            if value.strip() and value.strip().lower() != "cookie"
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]
