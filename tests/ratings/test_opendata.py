"""Aggregates for open data: one query for any number of measures, and the API field."""

import uuid

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.ratings.aggregates import aggregates_for
from digiradar_wagtail.ratings.presenter import find_rating_block
from tests.builders import make_measure

from .conftest import post_vote, set_rating


def test_aggregates_for_many_measures_in_few_queries(rated, radar):
    other = set_rating(make_measure(radar, "Open Data"), scale="agree")
    for value in (5, 3):
        post_vote(Client(), rated, value)
    post_vote(Client(), other, -1)
    unrated = uuid.uuid4()
    with CaptureQueriesContext(connection) as queries:
        result = aggregates_for([rated.translation_key, str(other.translation_key), unrated])
    # The targets, the pages (for "Show results") and the measure pages' StreamFields.
    assert len(queries) <= 3
    assert result[rated.translation_key] == {
        "scale": "stars",
        "count": 2,
        "average": 4.0,
        "distribution": {"5": 1, "4": 0, "3": 1, "2": 0, "1": 0},
        "results_hidden": False,
    }
    assert result[other.translation_key] == {
        "scale": "agree",
        "count": 1,
        "average": -1.0,
        "distribution": {"1": 0, "-1": 1},
        "results_hidden": False,
    }
    assert result[unrated] == {
        "scale": None,
        "count": 0,
        "average": None,
        "distribution": {},
        "results_hidden": False,
    }
    assert aggregates_for([]) == {}


def test_api_shows_aggregates_not_votes(rated, client):
    post_vote(Client(), rated, 4)
    response = client.get(f"/api/v2/pages/{rated.pk}/")
    assert response.status_code == 200
    data = response.json()["rating"]
    assert data["count"] == 1 and data["average"] == 4.0
    assert set(data) == {"scale", "count", "average", "distribution", "results_hidden"}


def test_rating_blocks_are_found_in_any_stream_field(rated):
    from wagtail import blocks

    from digiradar_wagtail.ratings.blocks import RatingBlock

    # A RatingBlock nested in a section of some other page type's body.
    stream = blocks.StreamBlock(
        [("text", blocks.CharBlock()), ("section", blocks.StructBlock([("rating", RatingBlock())]))]
    )
    value = stream.to_python(
        [
            {"type": "text", "value": "Hallo"},
            {"type": "section", "value": {"rating": {"question": "Gut?", "scale": "agree"}}},
        ]
    )

    class AnyPage:
        class _meta:
            @staticmethod
            def get_fields():
                from wagtail.fields import StreamField

                field = StreamField(stream)
                field.name = "body"
                return [field]

        body = value

        @property
        def specific(self):
            return self

    found = find_rating_block(AnyPage())
    assert found["question"] == "Gut?" and found["scale"] == "agree"
    assert find_rating_block(rated)["scale"] == "stars"
