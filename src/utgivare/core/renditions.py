"""An image's renditions for several sizes, found as Wagtail's `get_renditions` finds
them, at less cost: drawn cold, Wagtail's lookup built a query of one `OR` branch per
size (seven for an article's picture) and compiled it anew on every drawing, which
cost more than the rest of the picture. Here the statement is compiled once per
number of sizes (core.compiled_queries) and each size's filter is parsed once per
process. What is missing is made by Wagtail (`get_renditions`), as before.
`tests/core/test_renditions.py` checks the answer is Wagtail's.
"""

import functools

from wagtail.images.models import Filter, Picture, SourceImageIOError
from wagtail.images.shortcuts import get_renditions_or_not_found

from . import compiled_queries


@functools.lru_cache(maxsize=256)
def _filter(spec: str) -> Filter:
    # Parsing a spec (its operations) is a good part of a lookup; only its spec and
    # `get_cache_key` are used here, which read nothing but the image.
    return Filter(spec=spec)


@functools.lru_cache(maxsize=256)
def expanded(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The specs of patterns as the image tags spell them ("width-{360,720}")."""
    return tuple(spec for pattern in patterns for spec in Filter.expand_spec(pattern))


def for_specs(image, specs) -> list:
    """The image's renditions for `specs` (made when missing): from the renditions
    cache, else the database, in one statement."""
    specs = list(dict.fromkeys(specs))
    if image.is_svg():
        return list(image.get_renditions(*specs).values())  # Wagtail rewrites SVG specs
    Rendition = image.get_rendition_model()
    focal_keys = {spec: _filter(spec).get_cache_key(image) for spec in specs}
    cache_keys = {
        spec: Rendition.construct_cache_key(image, focal_keys[spec], spec) for spec in specs
    }
    from_cache = Rendition.cache_backend.get_many(list(cache_keys.values()))
    found = {}
    for spec, key in cache_keys.items():
        if key in from_cache:
            rendition = from_cache[key]
            rendition.image = image  # as Wagtail does, for the image's own attributes
            found[spec] = rendition
    wanted = [spec for spec in specs if spec not in found]
    if wanted:
        stored = compiled_queries.rows(
            ("renditions", Rendition, len(wanted)),
            lambda image_id, filter_specs: Rendition.objects.filter(
                image_id=image_id, filter_spec__in=filter_specs
            ),
            image_id=image.pk,
            filter_specs=wanted,
        )
        from_database = {
            rendition.filter_spec: rendition
            for rendition in stored
            if rendition.focal_point_key == focal_keys[rendition.filter_spec]
        }
        if from_database:
            # Kept before the image is attached: every reader of the renditions cache
            # (Wagtail's lookup and this one) attaches its own image object, and a
            # rendition pickled with its image carried a copy of the image each.
            Rendition.cache_backend.set_many(
                {cache_keys[spec]: rendition for spec, rendition in from_database.items()}
            )
        for rendition in from_database.values():
            rendition.image = image  # as Wagtail does, for the image's own attributes
        found.update(from_database)
    missing = [spec for spec in specs if spec not in found]
    if missing:
        found.update(image.get_renditions(*missing))
    return [found[spec] for spec in specs]


def fetch(image, specs) -> None:
    """Find the image's renditions for `specs` now (one query or one cache read) and keep
    them on this image object for `drawn`: the article's picture and its Open Graph size
    are drawn by two tags, which must not each run a query."""
    try:
        found = for_specs(image, specs)
    except SourceImageIOError:
        return  # the original file is missing: `drawn` gives Wagtail's stand-ins
    image.prefetched_renditions = found  # for Wagtail's own image tags, as before
    image.renditions_by_spec = dict(zip(dict.fromkeys(specs), found, strict=True))


def drawn(image, specs) -> dict:
    """{spec: rendition} for `specs`, as Wagtail's image tags find them: from `fetch`
    when it found them all, else looked up (a missing original file gives Wagtail's
    "not-found" stand-ins rather than an error page)."""
    specs = list(dict.fromkeys(specs))
    kept = getattr(image, "renditions_by_spec", {})
    if all(spec in kept for spec in specs):
        return {spec: kept[spec] for spec in specs}
    try:
        return dict(zip(specs, for_specs(image, specs), strict=True))
    except SourceImageIOError:
        return get_renditions_or_not_found(image, specs)


def picture_html(image, spec_pattern: str, attrs: dict) -> str:
    """Wagtail's `{% picture image <spec_pattern> **attrs %}`, from `drawn` renditions.

    Wagtail's tag builds and parses a filter for each size on every drawing (its
    operations, then each one's cache key): most of a cold article's picture."""
    return Picture(drawn(image, expanded((spec_pattern,))), dict(attrs)).__html__()
