"""A reader's own parts of a page drawn once for many readers (a *shell*).

A piece's page (publication.pieces.ReadablePiece.serve) is drawn once per
piece, variant, language, versions and kind of reader, and kept. What differs
between two readers of the same kind is small: the account links in the header
(with the logout form's CSRF token), the logged-in comment form's name, address,
CSRF and timing tokens. While a shell is drawn, `slot(request, name)` puts a
marker with a random nonce where such a value goes; the kept shell is the page
cut at its markers, and each request fills the slots with its own values
(`fill`). A value is computed only from the request being answered, never kept.

Slots are named here and their values come from functions registered by the
app that owns them (`register`, from `AppConfig.ready()`), since core imports no
app. A name without a registered function makes the shell unusable (`fill`
raises `UnknownSlot` and the page is drawn in full) rather than leave a gap.
"""

import re
import secrets
from collections.abc import Callable

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape

DRAWING_ATTR = "_utgivare_shell_nonce"
# Word characters only: a marker survives HTML escaping (form field values are
# escaped), so it can stand in an attribute as well as in the text.
_MARKER = "__shellslot{nonce}{name}__"
_SLOT_NAME = re.compile(r"^[a-z]+$")

_VALUES: dict[str, Callable] = {}


class UnknownSlot(Exception):
    pass


def register(name: str, value: Callable) -> None:
    """`value(request) -> str` (already escaped HTML) fills slot `name` for one request."""
    if not _SLOT_NAME.match(name):
        raise ValueError(f"slot names are lower-case letters: {name!r}")
    _VALUES[name] = value


def begin(request) -> str:
    """Mark `request` as drawing a shell; the nonce its markers carry."""
    nonce = secrets.token_hex(8)
    setattr(request, DRAWING_ATTR, nonce)
    return nonce


def end(request) -> None:
    if hasattr(request, DRAWING_ATTR):
        delattr(request, DRAWING_ATTR)


def drawing(request) -> bool:
    return getattr(request, DRAWING_ATTR, None) is not None


def slot(request, name: str) -> str:
    """The marker for slot `name` while `request` draws a shell."""
    nonce = getattr(request, DRAWING_ATTR)
    if not _SLOT_NAME.match(name):
        raise ValueError(f"slot names are lower-case letters: {name!r}")
    return _MARKER.format(nonce=nonce, name=name)


def cut(html: str, nonce: str) -> tuple:
    """The page as (bytes, slot name, bytes, slot name, …, bytes)."""
    pattern = re.compile(_MARKER.format(nonce=re.escape(nonce), name="([a-z]+)"))
    parts = pattern.split(html)
    return tuple(part if index % 2 else part.encode() for index, part in enumerate(parts))


def fill(request, shell: tuple, given: dict[str, str] | None = None) -> bytes:
    """The page for this request: the shell with each slot's value for this reader
    (`given` values first, then the registered functions)."""
    values = {name: value.encode() for name, value in (given or {}).items()}
    out = []
    for index, part in enumerate(shell):
        if index % 2 == 0:
            out.append(part)
            continue
        if part not in values:
            value = _VALUES.get(part)
            if value is None:
                raise UnknownSlot(part)
            values[part] = str(value(request)).encode()
        out.append(values[part])
    return b"".join(out)


def _csrf(request) -> str:
    return escape(get_token(request))


def account_nav(request, csrf_token=None) -> str:
    """The header's account links. No context processors: they need only the
    reader and, for the logout form, a CSRF token (never asked for an anonymous
    reader: it would set a cookie on a page a shared cache may keep; in a shell,
    the `csrf` slot's marker)."""
    if csrf_token is None:
        csrf_token = get_token(request) if request.user.is_authenticated else "NOTPROVIDED"
    return render_to_string(
        "core/includes/account_nav.html", {"request": request, "csrf_token": csrf_token}
    )


register("csrf", _csrf)
# Shells drawn before the account links were drawn into them (with a `csrf` slot).
register("accountnav", account_nav)
