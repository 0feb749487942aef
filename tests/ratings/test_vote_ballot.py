"""
What a vote reads before it is taken (``ratings/ballot.py``): the page's state in one query, and
its rating block kept per page revision. A page that changes in any way a vote depends on is
seen by the very next vote.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from digiradar_wagtail.ratings.models import Vote
from tests.builders import make_measure

from .conftest import aggregate, form_token, post_vote, set_rating


def vote_json(client, page, value, token=None):
    return post_vote(client, page, value, token=token, HTTP_ACCEPT="application/json")


@pytest.mark.parametrize("on", ["page", "radar"])
def test_a_page_made_private_takes_no_more_votes(client, rated, on):
    assert vote_json(client, rated, 4).status_code == 200  # the block is now kept
    token = form_token(client, rated)
    restricted = rated if on == "page" else rated.get_parent()
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    assert vote_json(client, rated, 2, token=token).status_code == 404
    assert aggregate(rated) == (1, 4, {4: 1})


def test_a_private_sibling_does_not_close_the_rating(client, rated, radar):
    sibling = make_measure(radar, "Nebenan")
    PageViewRestriction.objects.create(page=sibling, restriction_type="login")
    assert vote_json(client, rated, 4).status_code == 200


def test_a_revision_published_elsewhere_is_seen_by_the_next_vote(client, rated):
    assert vote_json(client, rated, 4).status_code == 200
    token = form_token(client, rated)
    # Another server process publishes the rating closed: no signal reaches this process, only
    # the page's new live revision.
    closed = rated.__class__.objects.get(pk=rated.pk)
    closed.participation = [("rating", {"mode": "closed"})]
    revision = closed.save_revision(clean=False)
    rated.__class__.objects.filter(pk=rated.pk).update(
        participation=closed.participation, live_revision=revision, last_published_at=revision.created_at
    )
    assert vote_json(client, rated, 2, token=token).status_code == 403
    assert aggregate(rated) == (1, 4, {4: 1})


def test_a_change_published_here_is_seen_at_once(client, rated):
    assert vote_json(client, rated, 4).status_code == 200
    token = form_token(client, rated)
    agree = set_rating(rated, scale="agree")
    # The votes on the old scale stay; the new scale conflicts with them (a moderator resets).
    assert vote_json(client, agree, 1, token=token).status_code == 409
    assert Vote.objects.get().value == 4


def count_queries(client, page, value):
    token = form_token(client, page)
    with CaptureQueriesContext(connection) as queries:
        assert vote_json(client, page, value, token=token).status_code == 200
    # Not the savepoint around the vote: the test's transaction needs it, autocommit does not.
    return len([query for query in queries if "SAVEPOINT" not in query["sql"]])


def test_a_vote_costs_the_same_queries_however_many_votes_there_are(client, rated, settings):
    settings.DIGIRADAR_RATINGS_RATE_LIMIT = 1000  # all these voters come from one address
    vote_json(client, rated, 3)
    one = count_queries(client, rated, 4)
    for number in range(30):
        post_vote(Client(), rated, 1 + number % 5)
    assert count_queries(client, rated, 2) == one


@pytest.mark.postgres_only
def test_on_postgresql_a_vote_with_its_reply_is_one_statement(client, rated, settings):
    settings.DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT = 10  # these voters share one address
    vote_json(client, rated, 3)  # the first vote creates the rating's target (and reads the block)
    # The page, target and own vote, the vote and the figures after it: one statement.
    assert count_queries(client, rated, 4) == 1
    assert count_queries(Client(), rated, 5) == 1  # a first vote, with its new cookie
    # A cookie without a vote here is a new vote: the statement takes nothing the first time,
    # the new-vote limit is asked, then the statement again.
    post_vote(client, rated, action="withdraw")
    assert count_queries(client, rated, 2) == 2
    assert aggregate(rated) == (2, 7, {5: 1, 2: 1})


@pytest.mark.postgres_only
def test_on_postgresql_a_page_not_seen_lately_is_read_first(client, rated):
    from digiradar_wagtail.ratings import ballot

    vote_json(client, rated, 3)
    ballot._BLOCKS.clear()  # as in a process that has not served this page yet
    # The page, target and own vote read first (and the block); then the vote.
    assert count_queries(client, rated, 4) == 3
    assert count_queries(client, rated, 5) == 1


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.fixture
def prepare_threshold():
    """The connection as with DATABASES OPTIONS {"prepare_threshold": 5} (production.py's)."""
    connection.ensure_connection()
    before = connection.connection.prepare_threshold
    connection.connection.prepare_threshold = 5
    yield
    connection.connection.prepare_threshold = before


@pytest.mark.postgres_only
def test_on_postgresql_the_votes_statements_are_prepared_where_the_database_allows(
    client, rated, prepare_threshold
):
    assert vote_json(client, rated, 3).status_code == 200  # the ballot read first: a new page
    token = form_token(client, rated)
    assert vote_json(client, rated, 4, token=token).status_code == 200
    assert vote_json(Client(), rated, 5).status_code == 200
    statements = prepared_statements()
    assert any("FOR SHARE" in statement and "wagtailcore_page" in statement for statement in statements)
    # Prepared, it is still the same vote: a replay is refused, the figures equal a recount.
    assert vote_json(client, rated, 1, token=token).status_code == 409
    assert aggregate(rated) == (2, 9, {4: 1, 5: 1})


@pytest.mark.postgres_only
def test_on_postgresql_nothing_is_prepared_by_default(client, rated):
    connection.ensure_connection()
    assert connection.connection.prepare_threshold is None  # Django's default: poolers keep working
    assert vote_json(client, rated, 3).status_code == 200
    assert vote_json(client, rated, 4).status_code == 200
    assert not [statement for statement in prepared_statements() if "digiradar_ratings" in statement]
