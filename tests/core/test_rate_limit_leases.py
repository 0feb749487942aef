"""
Rate limits counted in leases (``participation.ratelimit.within_limit``): near a limit every event
is one count in the shared cache, as before; far from it a process counts many events with one
round trip; across processes and threads no more than the limit ever get through.
"""

import threading
import time
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from digiradar_wagtail.participation.ratelimit import (
    LEASE_MAX,
    LEASE_SHARE,
    Leases,
    count_event,
    within_limit,
)
from tests.local_services import skip_unless


@pytest.fixture
def redis_cache():
    """Django's Redis cache under a key prefix of its own, shared by every simulated process."""
    prefix = f"leases-{uuid.uuid4().hex[:8]}"
    setting = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/12",
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": setting}, DIGIRADAR_CACHE_ALIAS="default"):
        cache = caches["default"]
        try:
            cache.get("ping")
        except RedisConnectionError:
            skip_unless(False, "no Redis on 127.0.0.1:6379")
        yield cache
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):  # its own keys only: others share database 12
            client.delete(key)


def test_near_the_limit_every_event_is_counted_in_the_shared_cache(redis_cache):
    processes = [Leases(), Leases()]
    answers = [within_limit("k", 60, 30, leases=processes[n % 2]) for n in range(34)]
    assert answers == [True] * 30 + [False] * 4
    assert redis_cache.get("k") == 34  # one count per event: nothing leased


def test_far_from_the_limit_one_round_trip_counts_a_lease(redis_cache):
    process = Leases()
    limit = 10_000
    assert within_limit("k", 60, limit, leases=process)
    assert redis_cache.get("k") == 1  # the first event: the remainder was unknown
    assert within_limit("k", 60, limit, leases=process)
    lease = min(LEASE_MAX, (limit - 1) // LEASE_SHARE)
    assert lease > 1 and redis_cache.get("k") == 1 + lease
    for _ in range(lease - 1):
        assert within_limit("k", 60, limit, leases=process)
    assert redis_cache.get("k") == 1 + lease  # counted already: no round trip
    assert within_limit("k", 60, limit, leases=process)
    assert redis_cache.get("k") > 1 + lease


def test_a_lease_asked_for_on_an_old_count_is_cut_at_the_limit(redis_cache):
    process, limit = Leases(), 10_000
    for _ in range(2):  # one event counted alone, then a lease
        assert within_limit("k", 60, limit, leases=process)
    seen = redis_cache.get("k")
    for _ in range(seen - 2):  # use up the lease: the process last saw the count at ``seen``
        assert within_limit("k", 60, limit, leases=process)
    assert redis_cache.get("k") == seen
    count_event("k", 60, limit - seen - 50)  # other processes take all but 50 of the limit
    allowed = sum(within_limit("k", 60, limit, leases=process) for _ in range(LEASE_MAX + 10))
    assert allowed == 50  # its next lease, sized on the old count, holds only what was left


def test_two_processes_let_exactly_the_limit_through_when_both_go_on_to_the_end(redis_cache):
    processes = [Leases(), Leases()]
    limit = 3_000
    allowed = 0
    for n in range(limit + 200):
        allowed += within_limit("k", 60, limit, leases=processes[n % 2])
    # Each process used every event it leased before asking again: nothing was lost.
    assert allowed == limit


def test_threads_of_two_processes_never_let_more_than_the_limit_through(redis_cache):
    processes = [Leases(), Leases()]
    limit, per_thread = 2_000, 700
    allowed = []

    def client(process):
        allowed.append(sum(within_limit("k", 60, limit, leases=process) for _ in range(per_thread)))

    threads = [threading.Thread(target=client, args=(processes[n % 2],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Never late; early by at most what two processes held leased when the limit was reached.
    assert limit - 2 * LEASE_MAX <= sum(allowed) <= limit


def test_a_counter_that_a_lease_creates_ends_with_its_window(redis_cache):
    count, seconds_left = count_event("new", 30, 57)
    assert count == 57 and 29 < seconds_left <= 30
    client = redis_cache._cache.get_client(write=True)
    assert 0 < client.ttl(redis_cache.make_key("new")) <= 30


def test_a_lease_ends_with_its_window(redis_cache):
    process, limit = Leases(), 10_000
    for _ in range(2):  # one event counted alone, then a lease of many
        assert within_limit("k", 1, limit, leases=process)
    assert redis_cache.get("k") > 2
    time.sleep(1.2)  # the window is over: Redis has dropped the counter
    assert redis_cache.get("k") is None
    assert within_limit("k", 1, limit, leases=process)
    assert redis_cache.get("k") == 1  # counted in the new window, not let through on the old lease


def test_a_cache_that_does_not_tell_its_windows_counts_every_event(settings):
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    settings.CACHES = {"default": locmem}
    process = Leases()
    assert all(within_limit("k", 60, 10_000, leases=process) for _ in range(3))
    assert caches["default"].get("k") == 3
    assert [within_limit("small", 60, 2, leases=process) for _ in range(3)] == [True, True, False]
