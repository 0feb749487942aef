"""
When Redis or PostgreSQL cannot be reached: the production cache misses instead of failing, the
rate limits fail open, and a database error is answered 503 with Retry-After (not 500).
Redis is "unreachable" for real here: a port nothing listens on.
"""

import logging
import socket

import pytest
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory, override_settings
from django.utils import translation
from redis.exceptions import ConnectionError as RedisConnectionError

from digiradar_wagtail.middleware import DatabaseUnavailableMiddleware
from digiradar_wagtail.participation.ratelimit import Leases, count_event, within_limit


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


def unreachable_redis(backend):
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {
            "BACKEND": backend,
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }


def test_the_fail_soft_cache_misses_and_skips_writes_but_does_not_make_up_counts():
    with override_settings(CACHES=unreachable_redis("example_site.cache.FailSoftRedisCache")):
        cache = caches["redis"]
        assert cache.get("key", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("key", 1) is False
        assert cache.set("key", 1) is None
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.delete("key") is False
        assert cache.get_or_set("key", 3) == 3
        with pytest.raises(RedisConnectionError):
            cache.incr("key")


@pytest.mark.parametrize(
    "backend", ["django.core.cache.backends.redis.RedisCache", "example_site.cache.FailSoftRedisCache"]
)
def test_rate_limits_fail_open_while_the_cache_is_unreachable(backend, caplog):
    with override_settings(CACHES=unreachable_redis(backend), DIGIRADAR_CACHE_ALIAS="redis"):
        with caplog.at_level(logging.WARNING, logger="digiradar_wagtail.participation.ratelimit"):
            assert count_event("digiradar:test", 60) == (0, None)
            process = Leases()
            assert all(within_limit("digiradar:test", 60, 1_000, leases=process) for _ in range(3))
            assert process.take("digiradar:test", 1_000) == 1  # nothing leased while nothing is counted
    assert "failing open" in caplog.text


def test_rate_limits_still_count_with_a_working_cache():
    assert [count_event("digiradar:test-count", 60)[0] for _ in range(3)] == [1, 2, 3]


def test_rate_limits_count_across_processes_on_real_redis():
    """Two cache instances (two server processes) share one counter in Redis; it expires with its window."""
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/12",
        "KEY_PREFIX": f"test-{closed_port()}",
    }
    caches_setting = {"default": redis_cache, "other": redis_cache}
    with override_settings(CACHES=caches_setting, DIGIRADAR_CACHE_ALIAS="default"):
        cache = caches["default"]
        try:
            cache.get("ping")
        except RedisConnectionError:
            pytest.skip("no Redis on 127.0.0.1:6379")
        key = "digiradar:test-shared"
        assert [count_event(key, 2)[0] for _ in range(3)] == [1, 2, 3]
        assert caches["other"].get(key) == 3  # the plain integer Django's serializer reads
        stored_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(stored_key)
        assert 0 < client.ttl(stored_key) <= 2  # the window, set by the first count only
        client.delete(stored_key)  # the window is over
        assert count_event(key, 2)[0] == 1
        # A restarted Redis has forgotten the counting script: it is loaded again, nothing lost.
        client.script_flush()
        assert count_event(key, 2)[0] == 2
        client.delete(stored_key)


@pytest.mark.parametrize(
    "error", [OperationalError("connection refused"), InterfaceError("connection closed")]
)
def test_a_database_error_is_answered_503_with_retry_after_in_the_visitors_language(error):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    texts = {}
    for language in ("de", "en"):
        with translation.override(language):
            response = middleware.process_exception(RequestFactory().post(f"/{language}/x/"), error)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "no-cache" in response["Cache-Control"]
        texts[language] = response.content.decode()
    assert "nicht erreichbar" in texts["de"] and "unavailable right now" in texts["en"]


def test_the_vote_script_gets_its_503_as_json():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().post("/de/x/", headers={"Accept": "application/json"})
    response = middleware.process_exception(request, OperationalError("down"))
    assert response.status_code == 503 and response["Content-Type"] == "application/json"


def test_other_errors_are_left_to_django():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("a bug")) is None
