"""
The Wagtail API endpoint the plugin ships answers 400 with a message, never 500, to malformed
filters, NUL characters and overlong searches (on SQLite and PostgreSQL alike).
"""

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests import builders

LISTING = "/api/v2/pages/"
MEASURES = {"type": "digiradar_wagtail.MeasurePage"}


@pytest.fixture
def measures(radar):
    return [
        builders.make_measure(radar, f"Maßnahme {n}", sector=n % 3, ring=n % 4, progress_percent=10 * n)
        for n in range(3)
    ]


@pytest.mark.parametrize(
    "name, value",
    [
        ("budget_planned", "abc"),
        ("budget_planned", "1" * 40),
        ("start_date", "abc"),
        ("start_date", "2024-02-30"),
        ("planned_end_date", "2024-13-45"),
        ("progress_as_of", "2024-01-01T25:00"),
        ("progress_percent", "abc"),
        ("progress_percent", "9" * 400),
        ("id", "9" * 30),
        ("sector", "abc"),
    ],
)
def test_wrong_typed_field_filter_is_a_400(client, measures, name, value):
    response = client.get(LISTING, {**MEASURES, name: value})
    assert response.status_code == 400, response.content[:300]
    assert name in response.json()["message"]


def test_a_valid_typed_filter_still_filters(client, measures):
    response = client.get(LISTING, {**MEASURES, "progress_percent": "20"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [measures[2].pk]


@pytest.mark.parametrize(
    "path, params",
    [
        (LISTING, {"search": "Bürger\x00ID"}),
        (LISTING, {"locale": "d\x00e"}),
        (LISTING, {**MEASURES, "title": "a\x00b"}),
        (LISTING + "find/", {"html_path": "/de/radar/\x00"}),
        (LISTING, {"search": "wort " * 5000}),
        (LISTING, {"search": "x" * 201}),
    ],
)
def test_nul_and_overlong_search_are_a_400(client, measures, path, params):
    response = client.get(path, params)
    assert response.status_code == 400, response.content[:300]
    assert response.json()["message"]


def test_an_ordinary_search_works(client, measures):
    response = client.get(LISTING, {**MEASURES, "search": "Maßnahme"})
    assert response.status_code == 200


def test_the_demo_serves_the_checked_endpoint(db):
    assert "digiradar_wagtail.W003" not in [message.id for message in run_checks()]


@override_settings(ROOT_URLCONF="tests.core.stock_api_urls")
def test_check_warns_about_wagtails_own_endpoint(db):
    [warning] = [message for message in run_checks() if message.id == "digiradar_wagtail.W003"]
    assert "digiradar_wagtail.api.PagesAPIViewSet" in warning.hint


def test_the_listing_costs_the_same_queries_for_3_and_12_measures(client, radar):
    def count():
        client.get(LISTING, {**MEASURES, "limit": 20})  # warm Wagtail's own caches (sites, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LISTING, {**MEASURES, "limit": 20}).status_code == 200
        return len(queries)

    for number in range(3):
        builders.make_measure(radar, f"Maßnahme {number}")
    few = count()
    for number in range(3, 12):
        builders.make_measure(radar, f"Maßnahme {number}")
    assert count() == few


def test_the_message_speaks_the_clients_language(client, measures):
    response = client.get(LISTING, {**MEASURES, "start_date": "abc"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "kein gültiger Wert für start_date" in response.json()["message"]
