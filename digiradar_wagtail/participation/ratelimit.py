"""
Counting a client's actions in Django's cache: the rate limits of comments and ratings.

Free of models, so that either sub-app works without the radar app. Callers pass a key that holds
only a keyed hash of the client, never its address.

While the cache cannot be reached the limits fail open: nothing is counted, every request is let
through and a warning is logged. Failing closed would turn a cache outage into a participation
outage for the whole city. What the limits guard against stays bounded meanwhile: one vote per
person is enforced by database constraints and single-use form tokens, comments are moderated, and
the ratings report flags bursts that moderators can void.
"""

import ipaddress
import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils.crypto import salted_hmac

from ..conf import digiradar_settings

logger = logging.getLogger(__name__)


def count_event(key, window, amount=1):
    """
    Count ``amount`` events under ``key``: ``(count, seconds_left)``, how many there were in the
    ``window`` seconds since the first, and how long the counter has left where the cache tells
    (Redis; else None). ``add`` + ``incr`` are atomic in Redis and memcached, so the count holds
    across server processes that share the cache. ``(0, None)`` while the cache is unreachable
    (failing open).
    """
    cache = caches[digiradar_settings.CACHE_ALIAS]
    try:
        if isinstance(cache, RedisCache):
            count, milliseconds_left = _count_in_redis(cache, key, window, amount)
            return count, milliseconds_left / 1000
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key, amount), None
        except ValueError:  # expired between add and incr
            cache.set(key, amount, timeout=window)
            return amount, None
    except Exception as error:  # each cache backend raises its own errors when unreachable
        logger.warning("Rate limit not counted, the cache is unreachable (failing open): %r", error)
        return 0, None


# A process asks the shared counter for a share of what remains of a limit at once, a lease, at
# most this fraction of the remainder and this many events: one round trip for many events where
# the limit is far away (many clients behind one address, a raised limit), one per event (exact
# as before) within 2 x LEASE_SHARE events of it. Only on Redis, which tells how long the counter
# has left: a lease ends with its counter's window.
LEASE_SHARE = 64
LEASE_MAX = 100


class Leases:
    """
    What one server process may still count without asking the shared cache, per key: events it
    has already added to the shared counter, usable until that counter's window ends. A lease is
    only ever taken from what remains below the limit, so all processes together never let more
    than the limit through in one window; what a process leased and did not use ends with the
    window (a client can be refused up to ``processes x remainder / LEASE_SHARE`` events early,
    never late).
    """

    MAX_KEYS = 10_000  # then all forgotten: unused leases only refuse early

    def __init__(self):
        self._lock = threading.Lock()
        # key -> [events left in this process's lease, the shared count last seen, when the window ends]
        self._keys = {}

    def take(self, key, limit):
        """0 where this process's lease covers one more event; else the size of the lease to ask for."""
        with self._lock:
            entry = self._keys.get(key)
            if entry is None or entry[2] <= time.monotonic():
                self._keys.pop(key, None)
                return 1  # the remainder is unknown: one event, exactly counted
            if entry[0] > 0:
                entry[0] -= 1
                return 0
            return max(1, min(LEASE_MAX, (limit - entry[1]) // LEASE_SHARE))

    def keep(self, key, left, count, seconds_left):
        with self._lock:
            if len(self._keys) >= self.MAX_KEYS:
                self._keys.clear()
            self._keys[key] = [left, count, time.monotonic() + seconds_left]

    def clear(self):
        """Forget every lease (after the shared counters were cleared, e.g. between tests)."""
        with self._lock:
            self._keys.clear()


process_leases = Leases()  # this server process's


def within_limit(key, window, limit, *, leases=None):
    """
    Count one event under ``key``; True while there were at most ``limit`` in the ``window``
    seconds since the first, across every process that shares the cache. Where the limit is far
    away, the shared counter is asked once for a lease of several events (see ``Leases``). True
    while the cache is unreachable (failing open).
    """
    leases = process_leases if leases is None else leases
    size = leases.take(key, limit)
    if not size:
        return True  # counted in the shared cache already, with this process's lease
    count, seconds_left = count_event(key, window, size)
    if count == 0:
        return True  # the cache is unreachable: failing open, nothing leased
    granted = min(size, limit - (count - size))  # of this lease, the events still below the limit
    if seconds_left is not None and seconds_left > 0:  # the cache tells when the window ends
        leases.keep(key, max(0, granted - 1), count, seconds_left)
    return granted > 0


# INCRBY, and the window as expiry where INCRBY created the key; the count and the milliseconds
# the counter has left: one command, one reply.
_COUNT_SCRIPT = """
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
"""
_scripts = {}  # redis-py's Script (EVALSHA, loaded again after a Redis restart), one per process


def _count_in_redis(cache, key, window, amount):
    """
    ``count_event`` on Django's Redis cache in one round trip (``add`` + ``incr`` take three there): a
    server-side script that increments the counter and, where it is new, gives it the window as
    expiry; ``(count, milliseconds the counter has left)``. The counter is the plain integer that
    Django's Redis serializer stores for an int, so ``cache.get(key)`` reads it.
    """
    key = cache.make_key(key)  # a hash and digits: nothing to validate
    client = cache._cache.get_client(key, write=True)
    script = _scripts.get("count")
    if script is None:
        script = _scripts.setdefault("count", client.register_script(_COUNT_SCRIPT))
    return script(keys=[key], args=[window, amount], client=client)


def client_address(request):
    """
    The client's address. With ``DIGIRADAR_TRUSTED_PROXY_COUNT = N`` the N proxies in front of
    Django each appended the address they were connected from to ``X-Forwarded-For``: the client
    is the N-th entry from the right. Entries left of it are whatever the client sent, and are
    never read, so a forged header changes nothing. A request with fewer entries than trusted
    proxies (one that went around them) and an entry that is no address count as the connection's
    own address (``REMOTE_ADDR``).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = digiradar_settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    chain = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [entry for entry in chain if entry]
    if len(chain) < count:
        return remote
    try:
        return str(ipaddress.ip_address(chain[-count]))
    except ValueError:
        return remote


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
        value = "addr:" + client_address(request)
    return salted_hmac(f"digiradar.{purpose}", value).hexdigest()[:40]
