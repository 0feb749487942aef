"""The API's ``rating`` field costs a fixed number of queries, whatever the number of measures."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.ratings.models import RatingTarget
from tests.builders import make_measure

from .conftest import post_vote, set_rating

# Without Wagtail's ``locale`` meta field: it reads each page's locale with a query of its own
# (the radar's API viewset does not select_related it), which is not the rating's doing.
LISTING = "/api/v2/pages/?type=digiradar_wagtail.MeasurePage&limit=50&fields=-locale"


def add_measures(radar, count, start=0):
    """``count`` measures with a rating, every other one with a vote and every third hiding results."""
    pages = []
    for number in range(start, start + count):
        page = make_measure(radar, f"Maßnahme {number}", slug=f"massnahme-{number}")
        show = "after_close" if number % 3 == 0 else "always"
        page = set_rating(page, show_results=show)
        if number % 2 == 0:
            RatingTarget.objects.create(translation_key=page.translation_key)
        pages.append(page)
    return pages


@pytest.fixture(autouse=True)
def _room_for_30(settings):
    settings.WAGTAILAPI_LIMIT_MAX = 50


def listing(client, fields=",rating"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LISTING + fields)
    assert response.status_code == 200, response.content
    return response.json()["items"], len(queries)


@pytest.mark.django_db
def test_the_listing_costs_the_same_queries_for_3_and_30_measures(radar):
    client = Client()
    pages = add_measures(radar, 3)
    post_vote(Client(), pages[1], 4)
    items, with_3 = listing(client)
    assert len(items) == 3
    without_rating_3 = listing(client, fields="")[1]
    pages += add_measures(radar, 27, start=3)
    items, with_30 = listing(client)
    assert len(items) == 30
    assert with_30 == with_3, (with_3, with_30)
    # The rating field's own share: targets, pages, one per page type that can hold a rating.
    assert with_30 - listing(client, fields="")[1] == with_3 - without_rating_3 == 3
    by_id = {item["id"]: item["rating"] for item in items}
    assert by_id[pages[1].pk]["count"] == 1 and by_id[pages[1].pk]["average"] == 4.0
    assert by_id[pages[0].pk]["results_hidden"] is True  # after close, still open
    assert by_id[pages[2].pk]["count"] == 0 and by_id[pages[2].pk]["results_hidden"] is False


@pytest.mark.django_db
def test_the_listing_agrees_with_the_detail_view(radar):
    pages = add_measures(radar, 4)
    post_vote(Client(), pages[2], 5)
    items, _ = listing(Client())
    for item in items:
        assert Client().get(f"/api/v2/pages/{item['id']}/").json()["rating"] == item["rating"]
