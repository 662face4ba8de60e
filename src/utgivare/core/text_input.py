"""Text from outside: which characters we refuse, and the form in which we keep the rest.

One rule for every input. Control characters (Unicode category Cc: NUL, the
other C0 controls, DEL, the C1 controls) other than tab, newline and carriage
return have no place in anything a reader types or a link carries; NUL in
particular cannot be stored in PostgreSQL text at all. Lone surrogates (Cs)
cannot be encoded as UTF-8, so they can reach neither the database nor a
page. Django never puts them in a decoded query string or form field, but
JSON (a webhook body) can carry them, so the rule names them too.

What each input does with a refused character is decided where it is read
(see docs/ARCHITECTURE.md, "Text from outside"): the address and query string
answer 400, typed form text is cleaned, secrets are refused with a message.
"""

import unicodedata

ALLOWED_CONTROLS = frozenset("\t\n\r")


def is_forbidden(char: str) -> bool:
    if char in ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) in ("Cc", "Cs")


def has_forbidden_characters(value: str) -> bool:
    # The fast path: nearly every input is printable.
    if value.isprintable():
        return False
    return any(is_forbidden(char) for char in value)


def clean_text(value: str) -> str:
    """`value` without forbidden characters, in Unicode normal form C.

    NFC makes "å" typed as one code point and "å" pasted as "a" plus a ring
    the same text, so search, duplicates and lengths agree with what people see.
    """
    if has_forbidden_characters(value):
        value = "".join(char for char in value if not is_forbidden(char))
    return unicodedata.normalize("NFC", value)


# A database id fits a signed 64-bit integer: at most 19 digits.
MAX_ID_DIGITS = 18


def positive_id(value) -> int | None:
    """`value` as a database id when it is one written in ASCII digits, else None.

    str.isdigit() also accepts "²" and "٣", which int() then refuses or reads
    as another number, and a 40-digit number overflows the column.
    """
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_ID_DIGITS:
        return None
    number = int(text)
    return number or None


def first_refused_input(
    *, path: str, query: list[tuple[str, str]], headers: list[tuple[str, str]] = ()
) -> str | None:
    """Which part of a request carries a forbidden character; None when all is well.

    `query` is the decoded query string and `headers` the header values the
    site acts on, both as (name, value) pairs.
    """
    if has_forbidden_characters(path):
        return "path"
    for key, value in query:
        if has_forbidden_characters(key) or has_forbidden_characters(value):
            return f"query parameter {ascii(key)}"
    for name, value in headers:
        if has_forbidden_characters(value):
            return f"header {name}"
    return None
