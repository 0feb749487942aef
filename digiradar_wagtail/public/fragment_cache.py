"""
Cache of the rendered radar, per radar page, language and filter.

Each radar has a version token in the cache; every publish, unpublish, move or delete of one of
its measures, a change of a measure's privacy (or of the radar itself) replaces it, so stale
fragments are never read again and simply expire. A token is never reused, even after the cache
evicted it, so an old fragment cannot come back.

What one visitor can make the cache store is bounded: only filters that name existing sectors,
rings and terms are cached (a free-text ``q`` never is), and one client stores at most
``DIGIRADAR_RADAR_CACHE_STORES_PER_CLIENT`` fragments within ``DIGIRADAR_RADAR_CACHE_STORE_WINDOW``.
"""

import hashlib
import secrets
import time

from django.core.cache import caches

from ..conf import digiradar_settings
from ..participation.ratelimit import client_hash, within_limit


def _cache():
    return caches[digiradar_settings.CACHE_ALIAS]


def _version_key(radar_id):
    return f"digiradar:radar:{radar_id}:version"


def _new_version():
    # Time plus randomness: unique across processes and after the old token was evicted.
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def radar_version(radar_id):
    cache = _cache()
    version = cache.get(_version_key(radar_id))
    if version is None:
        cache.add(_version_key(radar_id), _new_version(), timeout=None)
        version = cache.get(_version_key(radar_id))
    return version


def invalidate_radar(radar_id):
    _cache().set(_version_key(radar_id), _new_version(), timeout=None)


def fragment_key(radar_id, language, querystring):
    digest = hashlib.sha256(querystring.encode()).hexdigest()[:32]
    return f"digiradar:radar:{radar_id}:v{radar_version(radar_id)}:{language}:{digest}"


def may_store(request):
    """True while this client has stored fewer filtered fragments than the bound allows."""
    window = digiradar_settings.RADAR_CACHE_STORE_WINDOW
    key = f"digiradar:radar-stores:{client_hash(request, 'radar-cache')}"
    return within_limit(key, window, digiradar_settings.RADAR_CACHE_STORES_PER_CLIENT)


def cached_fragment(radar_id, language, querystring, render, store=True):
    """
    Return the cached fragment, or ``render()`` it. ``store`` may be a bool or a callable asked
    only when the fragment is missing; a false answer renders without keeping the result.
    """
    key = fragment_key(radar_id, language, querystring)
    cache = _cache()
    html = cache.get(key)
    if html is None:
        html = render()
        if store is True or (callable(store) and store()):
            cache.set(key, html, timeout=digiradar_settings.RADAR_CACHE_TIMEOUT)
    return html
