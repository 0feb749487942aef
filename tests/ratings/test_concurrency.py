"""
Concurrent voters on PostgreSQL: the stored aggregate equals a recount of the votes, and one
person never ends up with two votes, however their requests interleave.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client, override_settings

from digiradar_wagtail.ratings.models import RatingTarget, Vote
from digiradar_wagtail.ratings.services import RatingError, cast_vote, recount

from .conftest import form_token, in_thread, set_rating

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VOTERS = 24


@override_settings(DIGIRADAR_RATINGS_RATE_LIMIT=10_000)
def test_concurrent_http_votes_keep_the_aggregate_exact(measure):
    page = set_rating(measure)
    url = f"/de/digiradar/ratings/{page.pk}/vote/"
    start = threading.Barrier(VOTERS)

    @in_thread
    def citizen(number):
        client = Client()
        tokens = [form_token(client, page) for _ in range(3)]
        first = number % 5 + 1
        start.wait()
        statuses = [client.post(url, {"action": "vote", "value": first, "token": tokens[0]}).status_code]
        if number % 3 == 0:  # a third change their mind
            statuses.append(
                client.post(url, {"action": "vote", "value": 6 - first, "token": tokens[1]}).status_code
            )
        if number % 4 == 0:  # a quarter withdraw
            statuses.append(client.post(url, {"action": "withdraw", "token": tokens[2]}).status_code)
        return statuses

    with ThreadPoolExecutor(VOTERS) as pool:
        results = list(pool.map(citizen, range(VOTERS)))
    assert all(status == 303 for statuses in results for status in statuses), results

    expected = {}
    for number in range(VOTERS):
        value = number % 5 + 1
        if number % 3 == 0:
            value = 6 - value
        if number % 4 != 0:
            expected[value] = expected.get(value, 0) + 1
    target = RatingTarget.objects.get(translation_key=page.translation_key)
    count, total, per_value = recount(target)
    assert (
        (target.vote_count, target.vote_sum)
        == (count, total)
        == (sum(expected.values()), sum(v * n for v, n in expected.items()))
    )
    assert {value: n for value, n in target.distribution().items() if n} == per_value == expected


def test_one_person_racing_with_themselves_keeps_one_vote(measure):
    assert connection.vendor == "postgresql"
    page = set_rating(measure)
    start = threading.Barrier(12)

    @in_thread
    def same_person(number):
        start.wait()
        try:
            cast_vote(page.translation_key, "stars", number % 5 + 1, voter_id="the-same-person")
            return "ok"
        except RatingError as error:
            return type(error).__name__

    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(same_person, range(12)))
    assert outcomes.count("ok") >= 1
    assert Vote.objects.count() == 1
    target = RatingTarget.objects.get()
    assert target.vote_count == 1 and target.vote_sum == Vote.objects.get().value
