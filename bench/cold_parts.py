"""Where a cold render's CPU goes: each part it builds, measured by keeping only that part.

The reference article of bench/cold_render.py, drawn cold (every app cache emptied
before each GET), and drawn cold but for one part, whose cache entries, as a cold GET
left them, are put back before the GET: what that part costs to build is the cold GET
less that one. With every part kept, only the drawing is left (the page itself is
still drawn, stored and its versions read: the page cache's entry is never kept).
A last variant draws it cold with the page cache off: what storing the page (and
reading the versions it is stored under) costs. The variants take turns GET by GET
in one process, so each difference is between medians measured over the same
minutes (separate processes move by up to 13 %).

    make bench BENCH=cold_parts       (BENCH_REPEAT=200 GETs per variant)

The parts, by the cache entries that hold them (a local-memory cache: its entries are
copied as stored, pickled, and put back as they were):
"""

import contextlib
import functools

from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings

from bench.cold_render import REPEAT, build_site, cold_cpu_seconds_in_turn, forget_everything

# Label -> substrings of the cache keys that hold the part. Routing and the menu go
# together: drawn cold, the menu's rows come with the routing query (core.menu), and a
# kept route with a forgotten menu would read the menu by a query of its own.
PARTS = {
    "site: the site, its root paths and settings": ("site-and-roots:", "site_root_paths"),
    "routing: the pages on the way and the menu, the page with its byline, issue, picture": (
        ":route:",
        ":menu:",
    ),
    "the picture's renditions": ("wagtail-rendition-",),
    "the piece's body (its StreamField drawn)": ("template.cache.piece_body.",),
    "the comment thread (page 1 drawn)": ("comments:thread:",),
    "the comment form": (":comment-form:",),
}
__doc__ += "".join(f"- {label}: {', '.join(keys)}\n" for label, keys in PARTS.items())


PAGE_CACHE_OFF = "cold, the page cache off: the page not stored"


def kept_entries(client, url, substrings):
    """The cache entries, as one cold GET leaves them, whose keys hold any of `substrings`."""
    forget_everything()
    client.cookies.clear()
    assert client.get(url).status_code == 200
    found = {
        key: (value, cache._expire_info[key])
        for key, value in cache._cache.items()
        if any(part in key for part in substrings)
    }
    assert found, f"a cold GET kept nothing under {substrings}"
    return found


@contextlib.contextmanager
def put_back(entries):
    """The GET with `entries` in the (just emptied) cache again."""
    for key, (value, expires) in entries.items():
        cache._cache[key] = value
        cache._expire_info[key] = expires
    yield


def run():
    article = build_site()
    url = article.url
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=3600):
        client.get(url)  # the renditions made, as on any later cold GET
        variants = {"nothing kept (cold)": contextlib.nullcontext}
        for label, substrings in PARTS.items():
            entries = kept_entries(client, url, substrings)
            variants[f"cold but {label} kept"] = functools.partial(put_back, entries)
        every_part = tuple(key for keys in PARTS.values() for key in keys)
        entries = kept_entries(client, url, every_part)
        variants["every part kept: the drawing alone"] = functools.partial(put_back, entries)
        variants[PAGE_CACHE_OFF] = functools.partial(override_settings, PAGE_CACHE_SECONDS=0)
        medians = cold_cpu_seconds_in_turn(url, variants)
    cold = medians.pop("nothing kept (cold)")
    return {
        "name": (
            f"Cold render by part: the part's cost is the cold GET less the GET with it kept"
            f" (SQLite, locmem, CPU time, median of {REPEAT}, variants GET by GET in turn)"
        ),
        "baseline": ("GET reference article COLD, nothing kept", cold),
        "measurements": [
            (f"{label} (the part: {(cold - seconds) * 1000:.2f} ms)", seconds)
            for label, seconds in medians.items()
        ],
    }
