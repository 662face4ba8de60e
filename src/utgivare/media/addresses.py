"""Building signed media addresses (for pages and feeds)."""

import datetime as dt

from django.urls import reverse
from django.utils.text import slugify

from . import signing

# A page's player: long enough for an evening's listening, short enough that a copied
# address dies soon. A subscriber's private feed: apps download episodes days later.
PAGE_GRANT = dt.timedelta(hours=6)
FEED_GRANT = dt.timedelta(days=14)


def signed_path(media_file, subject: str, expires: dt.datetime | None, title: str = "") -> str:
    token = signing.sign(media_file.pk, subject, expires)
    name = f"{slugify(title or media_file.title) or 'fil'}.{media_file.extension}"
    return reverse("media:fetch", kwargs={"token": token, "name": name})
