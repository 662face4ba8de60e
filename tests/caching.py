from django.core.cache import cache

from utgivare.core import page_cache, process_copies


def clear_cache():
    """Empty this test process's cache.

    django-redis's clear() flushes the whole Redis database, including the keys
    of the other xdist worker; delete_pattern respects this worker's key prefix.
    """
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()
    # What this process remembers of addresses answered per reader (tag versions start
    # again from the same numbers after each test's rollback).
    page_cache._per_reader.clear()
    # Copies kept by versioned key: versions start again after each test's rollback too.
    process_copies.forget()
