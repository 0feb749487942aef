"""
Votes at scale, still exact: many people voting, changing, withdrawing and replaying forms at once,
in threads with a connection each, on a transactional database (PostgreSQL when DATABASE_URL is
set, SQLite otherwise). Afterwards no vote anyone was told is stored is lost, nobody has two votes
or a vote they withdrew, and the published figures equal a recount.

SQLite's in-memory test database is shared between threads with table locks that fail at once
("database table is locked") instead of waiting as a database file does; there, and only there,
a voter whose transaction hit such a lock tries again. Nothing of a failed attempt is stored (it
rolls back whole), so the checks are the same.
"""

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, transaction

from digiradar_wagtail.ratings import services
from digiradar_wagtail.ratings.aggregates import aggregates_for
from digiradar_wagtail.ratings.models import RatingTarget, Vote
from digiradar_wagtail.ratings.services import FormAlreadyUsed, RatingClosed, cast_vote, recount

from .conftest import in_thread, set_rating

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VOTERS = 16
ROUNDS = 12


def attempt(call):
    """``call()``; on SQLite's in-memory database, again while a table is locked (see above)."""
    for _ in range(200):
        try:
            return call()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.005)
    raise AssertionError("SQLite stayed locked")


def owner_of(number, users):
    """Every other voter is logged in; the others vote with a cookie's voter id."""
    return {"user": users[number]} if number % 2 else {"voter_id": f"cookie-voter-{number:02d}"}


def figures(target):
    return target.vote_count, target.vote_sum, {value: n for value, n in target.distribution().items() if n}


def test_concurrent_voters_lose_nothing_double_nothing_and_the_figures_equal_a_recount(measure):
    page = set_rating(measure)
    key = page.translation_key
    users = {number: get_user_model().objects.create_user(f"voter-{number}") for number in range(VOTERS)}
    start = threading.Barrier(VOTERS)

    @in_thread
    def voter(number):
        owner, told, spent, replays_refused = owner_of(number, users), None, [], 0
        start.wait(timeout=30)
        for round_ in range(ROUNDS):
            if round_ % 4 == 3:  # the form sent last time, again: refused, nothing changes
                try:
                    attempt(lambda: cast_vote(key, "stars", 1, nonce=spent[-1], **owner))
                except FormAlreadyUsed:
                    replays_refused += 1
                continue
            value = None if (number + round_) % 5 == 4 else 1 + (number * 3 + round_) % 5
            nonce = uuid.uuid4().hex
            attempt(lambda: cast_vote(key, "stars", value, nonce=nonce, **owner))  # noqa: B023
            told = value
            spent.append(nonce)
        return told, replays_refused

    with ThreadPoolExecutor(VOTERS) as pool:
        outcomes = list(pool.map(voter, range(VOTERS)))

    assert [refused for _told, refused in outcomes] == [ROUNDS // 4] * VOTERS
    stored = {}
    for user_id, voter_id, value in Vote.objects.values_list("user_id", "voter_id", "value"):
        stored.setdefault(user_id or voter_id, []).append(value)
    lost = doubled = 0
    for number, (told, _refused) in enumerate(outcomes):
        owner = owner_of(number, users)
        mine = stored.pop(owner["user"].pk if "user" in owner else owner["voter_id"], [])
        lost += told is not None and told not in mine
        doubled += len(mine) - (told in mine)
    doubled += sum(len(values) for values in stored.values())  # votes of nobody
    assert (lost, doubled) == (0, 0)

    expected = {}
    for told, _refused in outcomes:
        if told is not None:
            expected[told] = expected.get(told, 0) + 1
    target = RatingTarget.objects.with_counts().get(translation_key=key)
    count, total, per_value = recount(target)
    assert figures(target) == (count, total, per_value)
    assert per_value == expected and count == sum(expected.values())
    published = aggregates_for([key])[key]
    assert published["count"] == count
    assert {int(value): n for value, n in published["distribution"].items() if n} == expected


def test_one_person_racing_with_themselves_keeps_one_vote(measure):
    page = set_rating(measure)
    start = threading.Barrier(8)

    @in_thread
    def same_person(number):
        start.wait(timeout=30)
        value = number % 5 + 1
        attempt(lambda: cast_vote(page.translation_key, "stars", value, voter_id="the-same-person"))
        return value

    with ThreadPoolExecutor(8) as pool:
        sent = set(pool.map(same_person, range(8)))
    (vote,) = Vote.objects.all()
    assert vote.value in sent
    assert figures(RatingTarget.objects.with_counts().get()) == (1, vote.value, {vote.value: 1})


@pytest.mark.postgres_only
def test_a_moderator_closing_waits_for_the_votes_under_way(measure):
    """Votes hold their target shared: a close waits for them, and no vote comes in after it."""
    page = set_rating(measure)
    key = page.translation_key
    cast_vote(key, "stars", 4, voter_id="before")
    target = RatingTarget.objects.get()
    locked, go_on = threading.Event(), threading.Event()
    closed_at = {}

    @in_thread
    def vote_under_way():
        with transaction.atomic():
            shared = services._share_locked(key)
            assert not shared.closed_by_moderator
            locked.set()
            go_on.wait(timeout=10)
            Vote.objects.create(target=shared, scale="stars", value=2, voter_id="under-way")
        return time.monotonic()

    @in_thread
    def close():
        services.set_closed(target, True, None)
        closed_at["t"] = time.monotonic()

    with ThreadPoolExecutor(2) as pool:
        voted = pool.submit(vote_under_way)
        assert locked.wait(timeout=10)
        closing = pool.submit(close)
        time.sleep(0.5)
        assert not closing.done()  # waits for the vote's shared lock
        go_on.set()
        committed = voted.result(timeout=10)
        closing.result(timeout=10)
    assert committed <= closed_at["t"]
    with pytest.raises(RatingClosed):
        cast_vote(key, "stars", 5, voter_id="after")
    assert figures(RatingTarget.objects.with_counts().get()) == (2, 6, {4: 1, 2: 1})
