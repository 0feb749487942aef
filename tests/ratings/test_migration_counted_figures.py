"""
Migration 0004 drops the stored counters: the figures a rating showed before are the figures it
shows after (counted from its votes), and migrating back recounts them into the columns.
"""

import logging
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from digiradar_wagtail.ratings.models import RatingTarget

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("digiradar_ratings", "0003_rating_moderators_only_their_permissions")
AFTER = ("digiradar_ratings", "0004_figures_counted_from_votes")
COLUMNS = {-1: "n_minus1", 1: "n_1", 2: "n_2", 3: "n_3", 4: "n_4", 5: "n_5"}


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def stored(target):
    return {value: getattr(target, column) for value, column in COLUMNS.items() if getattr(target, column)}


def test_the_figures_survive_the_migration_both_ways(caplog):
    apps = migrate(BEFORE)
    try:
        Target, Vote = (
            apps.get_model("digiradar_ratings", "RatingTarget"),
            apps.get_model("digiradar_ratings", "Vote"),
        )
        rated, drifted, empty = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        target = Target.objects.create(translation_key=rated, vote_count=3, vote_sum=10, n_5=1, n_4=1, n_1=1)
        for number, value in enumerate((5, 4, 1)):
            Vote.objects.create(target=target, scale="stars", value=value, voter_id=f"voter-{number}")
        # Counters that add up but were edited by hand: no votes behind them.
        Target.objects.create(translation_key=drifted, vote_count=1, vote_sum=2, n_2=1)
        Target.objects.create(translation_key=empty)

        with caplog.at_level(logging.WARNING, logger="digiradar_wagtail.ratings"):
            migrate(AFTER)
        assert [str(drifted) in message for message in caplog.messages] == [True]
        counted = {target.translation_key: target for target in RatingTarget.objects.with_counts()}
        assert (counted[rated].vote_count, counted[rated].vote_sum) == (3, 10)
        assert counted[rated].distribution() == {5: 1, 4: 1, 3: 0, 2: 0, 1: 1}
        assert counted[drifted].vote_count == counted[empty].vote_count == 0

        apps = migrate(BEFORE)
        Target = apps.get_model("digiradar_ratings", "RatingTarget")
        back = {target.translation_key: target for target in Target.objects.all()}
        assert (back[rated].vote_count, back[rated].vote_sum, stored(back[rated])) == (
            3,
            10,
            {5: 1, 4: 1, 1: 1},
        )
        assert (back[drifted].vote_count, back[drifted].vote_sum, stored(back[drifted])) == (0, 0, {})
        assert (back[empty].vote_count, stored(back[empty])) == (0, {})
    finally:
        migrate(AFTER)
