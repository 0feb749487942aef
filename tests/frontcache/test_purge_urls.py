"""Which URLs a change makes stale (no Varnish needed), in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail import front_cache
from digiradar_wagtail.models import MeasurePage, MeasureRelation
from tests import builders

EXPORTS = ("export.json", "export.csv", "feed.atom")
SECTOR_VIEWS = ("?sector=sektor-1", "?sector=sektor-2", "?sector=sektor-3")  # builders.make_radar's


@pytest.fixture
def home(db):
    return builders.make_site()  # on http://localhost, without Varnish


def relate(page, target):
    MeasureRelation.objects.create(page=MeasurePage.objects.get(pk=page.pk), target=target)


def test_a_measure_change_purges_its_translations_radars_exports_and_the_measures_listing_it(
    home, radar, measure, english
):
    related = builders.make_measure(radar, "Open Data", ring=2)
    relate(related, measure)
    unrelated = builders.make_measure(radar, "Sensoren")
    translation = builders.translate(measure, english)
    english_radar = translation.get_parent()

    urls = front_cache.measure_urls(measure)

    radars = ["http://localhost/de/radar/", "http://localhost/en/radar/"]
    assert urls == {
        translation.get_full_url(),
        related.get_full_url(),
        *radars,
        *(radar_url + name for radar_url in radars for name in EXPORTS + SECTOR_VIEWS),
    }
    assert english_radar.get_full_url() in urls
    assert measure.get_full_url() not in urls  # Wagtail purges the page itself
    assert unrelated.get_full_url() not in urls


def test_a_radar_change_purges_its_exports_and_its_translations(home, radar, english):
    translation = builders.translate(radar, english)
    assert front_cache.radar_urls(radar) == {
        translation.get_full_url(),
        *(page.get_full_url() + name for page in (radar, translation) for name in EXPORTS + SECTOR_VIEWS),
    }


def test_a_moved_radar_purges_the_old_urls_of_its_measures(home, radar, measure):
    parent = builders.make_radar(home, title="Archiv", slug="archiv")
    old_measure_url, url_path_before = measure.get_full_url(), radar.url_path
    radar.move(parent, pos="last-child")
    radar.refresh_from_db()
    assert radar.get_full_url() == "http://localhost/de/archiv/radar/"

    urls = front_cache.moved_urls(radar, url_path_before, home)

    assert {
        "http://localhost/de/radar/",
        "http://localhost/de/radar/export.csv",
        old_measure_url,
        "http://localhost/de/archiv/radar/",
        "http://localhost/de/archiv/radar/export.csv",
    } <= urls


def test_the_urls_of_a_measure_take_the_same_queries_however_many_pages_show_it(
    home, radar, measure, english
):
    first = builders.make_measure(radar, "Open Data")
    relate(first, measure)
    with CaptureQueriesContext(connection) as few:
        front_cache.measure_urls(measure)

    builders.translate(measure, english)
    second_radar = builders.make_radar(home, title="Radar 2027", slug="radar-2027")
    for index in range(4):
        relate(builders.make_measure(second_radar, f"Verwandt {index}"), measure)
    with CaptureQueriesContext(connection) as many:
        urls = front_cache.measure_urls(measure)

    assert len(urls) > 12
    assert len(many) == len(few), [query["sql"] for query in many]


def test_only_a_configured_front_cache_is_purged(settings):
    assert not front_cache.is_enabled()  # the test settings name no backend
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    assert front_cache.is_enabled()
