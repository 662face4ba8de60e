from django.core.cache import cache
from django_redis.client.default import glob_escape

from utgivare.core import page_cache, process_copies


def clear_cache():
    """Empty this test process's cache.

    django-redis's clear() flushes the whole Redis database, including the keys
    of the other xdist worker, so this deletes the keys under this worker's key prefix,
    of every version: `delete_pattern("*")` matches only the default version and left
    Wagtail's site root paths (version 2) from one test to the next.
    """
    if hasattr(cache, "delete_pattern"):
        client = cache.client.get_client(write=True)
        keys = list(client.scan_iter(match=glob_escape(cache.key_prefix) + ":*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()
    # What this process remembers of addresses answered per reader (tag versions start
    # again from the same numbers after each test's rollback).
    page_cache._per_reader.clear()
    # Copies kept by versioned key: versions start again after each test's rollback too.
    process_copies.forget()
