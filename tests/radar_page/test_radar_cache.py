"""
The radar fragment cache under hostile and real-world conditions: privacy changes redraw the
radar, the cache keeps only filters that can exist, one client cannot fill it, and versions never
repeat after the cache evicted them.
"""

import pytest
from django.core.cache import cache, caches
from django.test import override_settings
from wagtail.models import PageViewRestriction

from digiradar_wagtail.public.filters import normalise_params, querystring
from digiradar_wagtail.public.fragment_cache import _version_key, fragment_key, radar_version
from tests import builders


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def cached(radar, **params):
    """Is the fragment for these filter parameters in the cache?"""
    key = fragment_key(radar.pk, "de", querystring(normalise_params(_QueryDict(params))))
    return cache.get(key) is not None


class _QueryDict(dict):
    def getlist(self, name):
        value = self.get(name, [])
        return value if isinstance(value, list) else [value]


def test_a_password_on_a_measure_takes_it_off_the_cached_radar_at_once(admin_client, client, radar):
    secret = builders.make_measure(radar, "Geheime Maßnahme", sector=1, ring=1)
    builders.make_measure(radar, "Offene Maßnahme", sector=0, ring=0)
    assert "Geheime Maßnahme" in client.get(radar.url).content.decode()  # now cached

    response = admin_client.post(
        f"/admin/pages/{secret.pk}/privacy/", {"restriction_type": "password", "password": "geheim"}
    )
    assert response.status_code == 200, response.content[:300]
    assert PageViewRestriction.objects.filter(page=secret).exists()
    html = client.get(radar.url).content.decode()
    assert "Geheime Maßnahme" not in html and secret.url not in html
    assert "Offene Maßnahme" in html

    admin_client.post(f"/admin/pages/{secret.pk}/privacy/", {"restriction_type": "none"})
    assert not PageViewRestriction.objects.filter(page=secret).exists()
    assert "Geheime Maßnahme" in client.get(radar.url).content.decode()


def test_a_login_restriction_above_the_radar_redraws_it(home, client, radar):
    builders.make_measure(radar, "Maßnahme", sector=0, ring=0)
    client.get(radar.url)
    before = radar_version(radar.pk)
    restriction = PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    assert radar_version(radar.pk) != before
    between = radar_version(radar.pk)
    restriction.delete()
    assert radar_version(radar.pk) != between


def test_free_text_searches_and_unknown_slugs_are_not_cached(client, radar):
    builders.make_measure(radar, "Schulen digital", sector=0, ring=0)
    for number in range(40):
        response = client.get(radar.url, {"q": f"suche {number}"})
        assert response.status_code == 200
        assert not cached(radar, q=f"suche {number}")
        client.get(radar.url, {"sector": f"erfunden-{number}"})
        assert not cached(radar, sector=f"erfunden-{number}")
    # Filters that name existing parts are cached, and unknown ones still select nothing.
    client.get(radar.url, {"sector": "sektor-1"})
    assert cached(radar, sector="sektor-1")
    assert "Schulen digital" in client.get(radar.url, {"q": "Schulen"}).content.decode()
    assert "0 von 1 Maßnahmen passen" in client.get(radar.url, {"sector": "erfunden"}).content.decode()


@override_settings(DIGIRADAR_RADAR_CACHE_STORES_PER_CLIENT=3)
def test_one_client_stores_a_bounded_number_of_filtered_radars(client, radar):
    builders.make_measure(radar, "Maßnahme", sector=0, ring=0)
    combinations = [{"sector": "sektor-1"}, {"sector": "sektor-2"}, {"ring": "ring-1"}, {"ring": "ring-2"}]
    combinations += [{"ring": "ring-3"}]
    for params in combinations:
        assert client.get(radar.url, params, REMOTE_ADDR="198.51.100.1").status_code == 200
    assert [cached(radar, **params) for params in combinations] == [True, True, True, False, False]
    # Another client is not held back by the first one; the unfiltered radar is always cached.
    client.get(radar.url, {"ring": "ring-4"}, REMOTE_ADDR="198.51.100.2")
    assert cached(radar, ring="ring-4")
    for _ in range(2):
        client.get(radar.url, REMOTE_ADDR="198.51.100.1")
    assert cached(radar)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "evicting",
            # Room for a handful of entries; when full, the cache drops all of them.
            "OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 1},
        }
    }
)
def test_versions_never_repeat_after_eviction(client, radar):
    small = caches["default"]
    seen = set()
    for round_number in range(6):
        builders.make_measure(radar, f"Runde {round_number}", sector=0, ring=0)
        seen.add(radar_version(radar.pk))
        small.delete(_version_key(radar.pk))  # evicted
    assert len(seen) == 6


def test_an_evicted_version_does_not_bring_back_an_old_radar(client, radar):
    builders.make_measure(radar, "Alt", sector=0, ring=0)
    client.get(radar.url)  # fragment stored under the first version
    builders.make_measure(radar, "Neu", sector=1, ring=1)  # a new version
    client.get(radar.url)
    cache.delete(_version_key(radar.pk))  # the cache evicts the version entry only
    assert "Neu" in client.get(radar.url).content.decode()
