"""
The ratings' data migrations, run for real on the test database: migration 0004 drops the stored
counters (the figures a rating showed before are the figures it shows after, counted from its
votes, and migrating back recounts them into the columns); migration 0006 keeps the form nonces
already spent (as UUIDs), so a form sent before the upgrade is still refused after it.
"""

import logging
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from digiradar_wagtail.ratings.models import RatingTarget, UsedFormToken
from digiradar_wagtail.ratings.services import FormAlreadyUsed, cast_vote

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("digiradar_ratings", "0003_rating_moderators_only_their_permissions")
AFTER = ("digiradar_ratings", "0004_figures_counted_from_votes")
COLUMNS = {-1: "n_minus1", 1: "n_1", 2: "n_2", 3: "n_3", 4: "n_4", 5: "n_5"}


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_latest():
    """Back to the app's newest migration, where every other test expects the schema."""
    executor = MigrationExecutor(connection)
    (latest,) = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "digiradar_ratings"]
    executor.migrate([latest])


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
        migrate_to_latest()


def test_form_nonces_spent_before_the_uuid_migration_stay_spent():
    apps = migrate(("digiradar_ratings", "0005_fewer_index_writes_per_vote"))
    try:
        key, spent = uuid.uuid4(), uuid.uuid4().hex  # what make_form_token's nonce is: 32 hex digits
        apps.get_model("digiradar_ratings", "RatingTarget").objects.create(translation_key=key)
        apps.get_model("digiradar_ratings", "UsedFormToken").objects.create(nonce=spent)
    finally:
        migrate_to_latest()
    assert list(UsedFormToken.objects.values_list("nonce", flat=True)) == [uuid.UUID(spent)]
    with pytest.raises(FormAlreadyUsed):
        cast_vote(key, "stars", 4, voter_id="voter-1", nonce=spent)
    cast_vote(key, "stars", 4, voter_id="voter-1", nonce=uuid.uuid4().hex)
    assert RatingTarget.objects.with_counts().get(translation_key=key).distribution()[4] == 1
