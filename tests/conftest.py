import pytest
from django.core.cache import cache

from digiradar_wagtail.participation.ratelimit import process_leases
from tests import builders


@pytest.fixture(autouse=True)
def empty_cache():
    """
    Every test starts and ends with an empty cache (rate-limit counters, cached fragments) and
    without leases of those counters in this process.
    """
    cache.clear()
    process_leases.clear()
    yield
    cache.clear()
    process_leases.clear()


@pytest.fixture
def home(db):
    return builders.make_site()


@pytest.fixture
def radar(home):
    return builders.make_radar(home)


@pytest.fixture
def measure(radar):
    return builders.make_measure(radar, "Bürger-ID", sector=2, ring=1, progress_percent=40)


@pytest.fixture
def english():
    return builders.locales()[1]
