"""Fixtures for the rating tests: measures with only a rating block, and a voting helper."""

import re
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from digiradar_wagtail.ratings.models import RatingTarget, Vote

# A rating window for the admin's void, reset, close and open forms.
WINDOW = {"since": "2000-01-01T00:00", "until": "2100-01-01T00:00", "reason": "probe"}
TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _test_voters_share_one_address(settings):
    # Tests stand for many people with ``Client()``s that all come from 127.0.0.1; the limit on
    # new anonymous votes per address and rating would count them as one person dropping the
    # cookie. Tests of that limit ask for ``new_vote_limit`` below, which restores the default.
    settings.DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT = 10_000


@pytest.fixture
def new_vote_limit(settings, _test_voters_share_one_address):
    """The shipped limit on new anonymous votes per address and rating (and its window)."""
    from digiradar_wagtail.ratings.conf import DEFAULTS

    del settings.DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT
    return DEFAULTS["RATINGS_COOKIELESS_REVOTE_LIMIT"]


def in_thread(function):
    """``function`` for a worker thread: it closes the thread's own database connection when done."""

    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


def set_rating(page, **values):
    """Give ``page`` a single rating block with ``values`` and publish it."""
    page.participation = [("rating", values)]
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


@pytest.fixture
def rated(measure):
    """The measure, with only a (default) rating block: no comments block to depend on."""
    return set_rating(measure)


@pytest.fixture
def target(rated):
    """The rating of ``rated`` after two votes (test_admin.py asks for more)."""
    return rated_target(rated, 5, 4)


def rated_target(page, *values):
    """The RatingTarget of ``page`` after one citizen's vote per value."""
    for value in values:
        post_vote(Client(), page, value)
    return RatingTarget.objects.get()


def form_token(client, page):
    # The measure page may be the one a shared cache keeps (no token in it): a citizen's form
    # comes from the uncached vote page, as the cached page's form leads there.
    response = client.get(f"/de/digiradar/ratings/{page.pk}/vote/")
    assert response.status_code == 200, response.content[:500]
    match = TOKEN.search(response.content.decode())
    assert match, "the page shows no rating form"
    return match.group(1)


def seen(client, page):
    """
    What a visitor sees of the page's rating and discussion: on a page kept by a shared cache,
    the blocks its script puts in from the uncached endpoint (with the visitor's cookies).
    """
    response = client.get(f"/de/digiradar/personal/{page.pk}/")
    assert response.status_code == 200, response.content[:500]
    return response.json()["html"]


def post_vote(client, page, value=None, action="vote", token=None, **extra):
    """POST a vote the way the form does (after a GET of the page for a fresh token)."""
    data = {"action": action, "token": token if token is not None else form_token(client, page)}
    if value is not None:
        data["value"] = value
    return client.post(f"/de/digiradar/ratings/{page.pk}/vote/", data, **extra)


def snapshot():
    """Everything a refused request must leave untouched."""
    targets = list(RatingTarget.objects.order_by("pk").values())
    votes = list(Vote.objects.order_by("pk").values())
    return targets, votes


def aggregate(page):
    target = RatingTarget.objects.filter(translation_key=page.translation_key).first()
    if target is None:
        return (0, 0, {})
    return target.vote_count, target.vote_sum, {value: n for value, n in target.distribution().items() if n}


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return marker is not None and marker.kwargs.get("transaction", False)


def pytest_collection_modifyitems(config, items):
    # Skip before any fixture runs: a skipped transactional test would still flush the database.
    from django.conf import settings

    here = str(Path(__file__).parent)
    mine = [item for item in items if str(item.path).startswith(here)]
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        for item in mine:
            if item.get_closest_marker("postgres_only"):
                item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (row locks, concurrent writers)"))
    # Run the transactional ones last: their flush leaves later transactional tests (the
    # browser's) without the page tree that migrations created.
    for item in mine:
        if _transactional(item) and not item.get_closest_marker("skip"):
            items.remove(item)
            items.append(item)
