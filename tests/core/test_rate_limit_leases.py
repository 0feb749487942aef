"""
Rate limits counted in leases (``participation.ratelimit.within_limit``): near a limit every event
is one count in the shared cache, as before; far from it a process counts many events with one
round trip; across processes and threads no more than the limit ever get through.
"""

import threading
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
    """Django's Redis cache on a database of its own, shared by every simulated process."""
    setting = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/12",
        "KEY_PREFIX": f"leases-{uuid.uuid4().hex[:8]}",
    }
    with override_settings(CACHES={"default": setting}, DIGIRADAR_CACHE_ALIAS="default"):
        cache = caches["default"]
        try:
            cache.get("ping")
        except RedisConnectionError:
            skip_unless(False, "no Redis on 127.0.0.1:6379")
        yield cache
        cache.clear()


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


def test_a_lease_in_a_cache_without_scripts_counts_the_same(settings):
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "leases"}
    settings.CACHES = {"default": locmem}
    process = Leases()
    assert within_limit("k", 60, 10_000, leases=process) and within_limit("k", 60, 10_000, leases=process)
    assert caches["default"].get("k") == 1 + min(LEASE_MAX, 9_999 // LEASE_SHARE)
    assert [within_limit("small", 60, 2, leases=process) for _ in range(3)] == [True, True, False]
