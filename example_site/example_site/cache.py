"""
Django's Redis cache, failing soft: while Redis cannot be reached, reads miss and writes are
skipped instead of raising, so that pages keep being served. Wagtail itself reads the site root
paths from the default cache on every page with links, and the plugin's radar keeps its fragments
there: with Django's own backend, a stopped Redis answers every such page with a 500
(measured by benchmarks/faults.py).

A write skipped during the outage is missing if Redis comes back with its old data (after a
network partition rather than a restart): a radar redrawn meanwhile may then show its old fragment
until that expires (DIGIRADAR_RADAR_CACHE_TIMEOUT, an hour by default; Wagtail's site root paths:
an hour). A Redis restarted without persistence, as docs/deploy.md sets it up, comes back empty.

Counting (``incr``, ``decr``) still raises: a count cannot be made up, so the caller decides (the
plugin's rate limits let requests through, see digiradar_wagtail/participation/ratelimit.py).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY = 10  # seconds: one warning per process and interval, not one per request


class FailSoftRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that misses instead of failing."""

    _warned_at = 0.0

    def _or(self, fallback, method, *args):
        try:
            return method(*args)
        except UNREACHABLE as error:
            now = time.monotonic()
            if now - FailSoftRedisCache._warned_at > WARN_EVERY:
                FailSoftRedisCache._warned_at = now
                logger.warning("Redis cache unreachable, serving without it: %s", error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)
