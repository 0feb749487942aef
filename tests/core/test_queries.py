"""The radar page's query count does not grow with the number of measures."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.conf import digiradar_settings
from tests import builders


def count_queries(client, url):
    caches[digiradar_settings.CACHE_ALIAS].clear()  # measure the page, not the cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def add_measures(radar, start, stop):
    for index in range(start, stop):
        builders.make_measure(
            radar,
            f"Maßnahme {index:02d}",
            sector=index % 3,
            ring=index % 4,
            progress_percent=(index * 7) % 101,
        )


def test_radar_page_queries_are_constant(client, radar):
    add_measures(radar, 0, 5)
    client.get(radar.url)  # warm up what is cached per process (site root paths, content types)
    five, content = count_queries(client, radar.url)
    assert content.count("Maßnahme ") >= 5

    add_measures(radar, 5, 30)
    thirty, content = count_queries(client, radar.url)
    assert all(f"Maßnahme {index:02d}" in content for index in range(30))

    print(f"\nradar page queries: {five} with 5 measures, {thirty} with 30")
    assert thirty == five
    assert five <= 30  # a ceiling, so that a new per-page query shows up here


def test_measure_page_queries_are_constant(client, radar):
    add_measures(radar, 0, 3)
    first = radar.get_children().specific().first()
    client.get(first.url)
    few, _ = count_queries(client, first.url)
    measure = radar.get_children().specific().first()
    for _ in range(5):  # more history entries
        measure.progress_percent = (measure.progress_percent or 0) + 5
        measure.save_revision().publish()
    many, content = count_queries(client, measure.url)
    assert content.count("<li><time") >= 6
    assert many == few
