"""Building signed media addresses (for pages and feeds)."""

import datetime as dt
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.text import slugify

from . import signing

# A page's player: long enough for an evening's listening, short enough that a copied
# address dies soon. A subscriber's private feed: apps download episodes days later.
PAGE_GRANT = dt.timedelta(hours=6)
FEED_GRANT = dt.timedelta(days=14)


@lru_cache(maxsize=16)
def path_template(url_name: str, script_prefix: str, **placeholders) -> str:
    """A URL pattern reversed once with placeholders: feeds build hundreds of addresses,
    and `reverse` per address was a third of a 500-episode feed's time. Keyed by the
    script prefix, which `reverse` reads."""
    return reverse(url_name, kwargs=placeholders)


def fill(url_name: str, **values) -> str:
    """`reverse(url_name, kwargs=values)` for values that need no quoting (tokens, slugs,
    digits), from a cached template."""
    # Integers need a placeholder that the int converter accepts.
    placeholders = {
        key: (987654320 + n if isinstance(value, int) else f"__{key}__")
        for n, (key, value) in enumerate(values.items())
    }
    path = path_template(url_name, get_script_prefix(), **placeholders)
    for key, value in values.items():
        path = path.replace(str(placeholders[key]), str(value), 1)
    return path


def signed_path(media_file, subject: str, expires: dt.datetime | None, title: str = "") -> str:
    token = signing.sign(media_file.pk, subject, expires)
    name = f"{slugify(title or media_file.title) or 'fil'}.{media_file.extension}"
    return fill("media:fetch", token=token, name=name)
