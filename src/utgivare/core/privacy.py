"""The privacy page, /integritet/: what the site stores about readers.

Core owns the page and its sections and describes Django's own cookies. Every
app that stores something about readers describes it itself, from its
AppConfig.ready(), so core imports no app and a new app cannot be left off:

    privacy.register_cookie("meter", meters.privacy_cookie)
    privacy.register_facts(privacy.COMMENTING, "comments", comment_facts)

Each description is read, when the page is drawn, from the setting or constant
that decides it (cookie lifetimes, the comment IP policy), so the page cannot
drift from what the code does.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str


# The page's sections under "Kakor": what a reader does that makes us store something.
COMMENTING = "commenting"  # "När du kommenterar"
ACCOUNT = "account"  # "När du har ett konto eller prenumererar", after its fixed sentences
SECTIONS = (COMMENTING, ACCOUNT)

# Keyed by name, so a second ready() (tests, autoreload) replaces rather than repeats.
_cookies: dict[str, Callable[[], Cookie]] = {}
_facts: dict[str, dict[str, Callable]] = {section: {} for section in SECTIONS}


def register_cookie(name: str, describe: Callable[[], Cookie]) -> None:
    """`describe()` -> Cookie, called when the page is drawn (in the reader's language)."""
    _cookies[name] = describe


def register_facts(section: str, name: str, facts: Callable) -> None:
    """`facts(site)` -> list of sentences for `section`, in the reader's language."""
    if section not in _facts:
        raise ValueError(f"Unknown privacy page section {section!r}; one of {SECTIONS}")
    _facts[section][name] = facts


def lifetime(seconds: int) -> str:
    """ "40 dagar": how long a cookie lives, in whole days (at least one)."""
    days = max(1, round(seconds / 86400))
    return ngettext("%(days)d dag", "%(days)d dagar", days) % {"days": days}


def cookies() -> list[Cookie]:
    """The apps' cookies in the order they registered, then Django's own."""
    return [describe() for describe in _cookies.values()] + _django_cookies()


def facts(site) -> dict[str, list[str]]:
    """{section: sentences}, each section's in the order the apps registered."""
    return {
        section: [fact for facts_of in _facts[section].values() for fact in facts_of(site)]
        for section in SECTIONS
    }


def _django_cookies() -> list[Cookie]:
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _("Håller dig inloggad. Sätts bara när du loggar in."),
            lifetime(settings.SESSION_COOKIE_AGE),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Skyddar formulär mot förfalskade inskick från andra webbplatser."),
            lifetime(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            _("Minns språket du valt. Sätts bara om du byter språk."),
            lifetime(365 * 86400),
        ),
    ]
