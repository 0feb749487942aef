"""
"Show results" holds everywhere: what the page hides from a visitor who has not voted, the API
(``rating``), export.json (``ratings``) and export.csv hide too; and it costs no query per measure.
"""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digiradar_wagtail.ratings.aggregates import aggregates_for
from digiradar_wagtail.ratings.models import RatingTarget
from tests.builders import make_measure, translate

from .conftest import post_vote, seen, set_rating

FIGURES = {
    "scale": "stars",
    "count": 2,
    "average": 4.5,
    "distribution": {"5": 1, "4": 1, "3": 0, "2": 0, "1": 0},
    "results_hidden": False,
}
HIDDEN = {"scale": "stars", "count": None, "average": None, "distribution": None, "results_hidden": True}


def _soon():
    return timezone.now() + datetime.timedelta(days=1)


def _past():
    return timezone.now() - datetime.timedelta(minutes=1)


# (block settings, whether a moderator closed it, are the results public?)
CASES = {
    "always": (dict(show_results="always"), False, True),
    "after_vote": (dict(show_results="after_vote"), False, False),
    "after_close, open": (dict(show_results="after_close"), False, False),
    "after_close, scheduled, still open": (
        dict(show_results="after_close", mode="scheduled", closes_at=_soon),
        False,
        False,
    ),
    "after_close, scheduled, over": (
        dict(show_results="after_close", mode="scheduled", closes_at=_past),
        False,
        True,
    ),
    "after_close, closed on the page": (dict(show_results="after_close", mode="closed"), False, True),
    "after_close, closed by a moderator": (dict(show_results="after_close"), True, True),
    "after_vote, closed by a moderator": (dict(show_results="after_vote"), True, True),
}


def _settings(values):
    return {key: value() if callable(value) else value for key, value in values.items()}


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request, measure):
    values, moderator_closed, public = CASES[request.param]
    page = set_rating(measure)  # open, so that two people can vote
    post_vote(Client(), page, 5)
    post_vote(Client(), page, 4)
    page = set_rating(page, **_settings(values))
    if moderator_closed:
        RatingTarget.objects.update(closed_by_moderator=True)
    return page, public


def page_shows_results(page):
    return "digiradar-rating-chart" in Client().get(page.url).content.decode()


def test_the_page_and_the_api_agree(case):
    page, public = case
    assert page_shows_results(page) is public  # the page, to a visitor who has not voted
    response = Client().get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    assert response.json()["rating"] == (FIGURES if public else HIDDEN)


def test_export_json(case, radar):
    page, public = case
    response = Client().get(radar.url + "export.json")
    assert response.status_code == 200
    (measure,) = [m for m in json.loads(response.content)["measures"] if m["id"] == page.pk]
    assert measure["ratings"] == (FIGURES if public else HIDDEN)


def test_csv_and_feed_carry_no_rating_figures_at_all(case, radar):
    """Only export.json and the API carry results (under the rule above); CSV and feed none."""
    page, _public = case
    with CaptureQueriesContext(connection) as queries:
        header = Client().get(radar.url + "export.csv").content.decode("utf-8-sig").splitlines()[0]
        feed = Client().get(radar.url + "feed.atom").content.decode().lower()
    assert not re.search(r"rating|vote|average|result", header, re.IGNORECASE), header
    assert "rating" not in feed
    # ... so they do not even load them.
    assert not [query for query in queries.captured_queries if "digiradar_ratings" in query["sql"]]


def test_hidden_without_any_vote_yet(measure):
    page = set_rating(measure, show_results="after_close")
    assert aggregates_for([page.translation_key])[page.translation_key] == HIDDEN
    assert Client().get(f"/api/v2/pages/{page.pk}/").json()["rating"] == HIDDEN


def test_a_voter_sees_after_vote_results_on_the_page_but_the_api_stays_hidden(measure):
    page = set_rating(measure, show_results="after_vote")
    voter = Client()
    post_vote(voter, page, 5)
    assert "digiradar-rating-chart" in seen(voter, page)
    assert voter.get(f"/api/v2/pages/{page.pk}/").json()["rating"]["results_hidden"] is True


def test_a_translation_that_hides_hides_for_all(measure, english):
    page = set_rating(measure)
    post_vote(Client(), page, 5)
    translated = translate(page, english)
    # The editor hides the results in English only: the shared figures are hidden everywhere.
    set_rating(translated, show_results="after_close")
    for pk in (page.pk, translated.pk):
        assert Client().get(f"/api/v2/pages/{pk}/").json()["rating"]["results_hidden"] is True


def test_a_measure_without_a_rating_block_publishes_no_figures(measure):
    page = set_rating(measure)
    post_vote(Client(), page, 5)
    page.participation = []
    page.save_revision().publish()
    assert aggregates_for([page.translation_key])[page.translation_key]["results_hidden"] is True


def test_shape_is_stable(rated):
    public = aggregates_for([rated.translation_key])[rated.translation_key]
    hidden = aggregates_for([set_rating(rated, show_results="after_vote").translation_key])
    assert set(public) == set(next(iter(hidden.values()))) == set(FIGURES)


def _export_queries(radar):
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(radar.url + "export.json").status_code == 200
    return len(queries)


def test_no_query_per_measure(radar):
    """export.json costs the same number of queries for 2 and for 10 rated measures of mixed settings."""
    modes = ["always", "after_vote", "after_close"]

    def add(count):
        for index in range(count):
            page = set_rating(
                make_measure(radar, f"Maßnahme {index}-{count}", slug=f"m-{index}-{count}"),
                show_results=modes[index % 3],
            )
            post_vote(Client(), page, 1 + index % 5)

    add(2)
    Client().get(radar.url + "export.json")  # warm caches (content types, site)
    few = _export_queries(radar)
    add(8)
    many = _export_queries(radar)
    assert many == few, (few, many)
    keys = list(RatingTarget.objects.values_list("translation_key", flat=True))
    assert len(keys) == 10
    with CaptureQueriesContext(connection) as queries:
        result = aggregates_for(keys)
    # Targets, pages, and one query per page type that can hold a rating block.
    assert len(queries) <= 3, [query["sql"] for query in queries]
    assert sum(summary["results_hidden"] for summary in result.values()) == 6
