"""
Counting a client's actions in Django's cache: the rate limits of comments and ratings.

Free of models, so that either sub-app works without the radar app. Callers pass a key that holds
only a keyed hash of the client, never its address.
"""

from django.core.cache import caches

from .conf import digiradar_settings


def count_event(key, window):
    """
    Count one event under ``key`` and return how many there were in the ``window`` seconds since
    the first. ``add`` + ``incr`` are atomic in Redis and memcached, so the count holds across
    server processes that share the cache.
    """
    cache = caches[digiradar_settings.CACHE_ALIAS]
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
