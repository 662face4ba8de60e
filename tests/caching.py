from django.core.cache import cache


def clear_cache():
    """Empty this test process's cache.

    django-redis's clear() flushes the whole Redis database, including the keys
    of the other xdist worker; delete_pattern respects this worker's key prefix.
    """
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()
