"""
Counting a client's actions in Django's cache: the rate limits of comments and ratings.

Free of models, so that either sub-app works without the radar app. Callers pass a key that holds
only a keyed hash of the client, never its address.
"""

from django.core.cache import caches
from django.utils.crypto import salted_hmac

from ..conf import digiradar_settings


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


def client_hash(request, purpose, address_only=False):
    """
    A keyed hash of who is asking, for cache keys and counters: the user id if logged in, else the
    client address. ``purpose`` keeps the hashes of different uses apart. Never the address itself.
    ``address_only`` hashes the address even for a logged-in user (one person with many accounts
    still posts from one address).
    """
    if not address_only and getattr(request, "user", None) is not None and request.user.is_authenticated:
        value = f"user:{request.user.pk}"
    else:
        value = "addr:" + request.META.get("REMOTE_ADDR", "")
    return salted_hmac(f"digiradar.{purpose}", value).hexdigest()[:40]
