"""A rating's figures are counted from its votes when read: in one query for any number of ratings."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.ratings import services
from digiradar_wagtail.ratings.models import RatingTarget, Vote
from digiradar_wagtail.ratings.services import cast_vote
from tests.builders import make_measure

from .conftest import set_rating


def figures(target):
    return target.vote_count, target.vote_sum, target.average, target.distribution()


def test_many_ratings_are_counted_in_one_query(rated, radar):
    other = set_rating(make_measure(radar, "Open Data"), scale="agree")
    for number, value in enumerate((5, 4, 4)):
        cast_vote(rated.translation_key, "stars", value, voter_id=f"v{number}")
    cast_vote(other.translation_key, "agree", -1, voter_id="v0")
    RatingTarget.objects.create(translation_key=make_measure(radar, "Ohne Stimmen").translation_key)
    with CaptureQueriesContext(connection) as queries:
        counted = {target.translation_key: figures(target) for target in RatingTarget.objects.with_counts()}
    assert len(queries) == 1
    assert counted[rated.translation_key] == (3, 13, 4.33, {5: 1, 4: 2, 3: 0, 2: 0, 1: 0})
    assert counted[other.translation_key] == (1, -1, -1.0, {1: 0, -1: 1})
    assert sorted(figures[0] for figures in counted.values()) == [0, 1, 3]


def test_a_target_loaded_without_counts_counts_once_and_again_after_refresh(rated):
    cast_vote(rated.translation_key, "stars", 2, voter_id="a")
    target = RatingTarget.objects.get()
    with CaptureQueriesContext(connection) as queries:
        assert figures(target)[:2] == (1, 2)
        assert target.distribution_rows()[3] == {"value": 2, "label": "2 Sterne", "count": 1, "percent": 100}
    assert len(queries) == 1
    cast_vote(rated.translation_key, "stars", 4, voter_id="b")
    assert target.vote_count == 1  # as counted when first read
    target.refresh_from_db()
    assert figures(target)[:2] == (2, 6)
    assert figures(RatingTarget(scale="stars"))[:3] == (0, 0, None)  # unsaved: no query, no votes


def test_deleting_an_account_takes_its_vote_out_of_the_figures_even_on_a_closed_rating(rated):
    user = get_user_model().objects.create_user("leaving")
    cast_vote(rated.translation_key, "stars", 5, user=user)
    cast_vote(rated.translation_key, "stars", 1, voter_id="staying")
    services.set_closed(RatingTarget.objects.get(), True, None)
    user.delete()
    assert list(Vote.objects.values_list("value", flat=True)) == [1]
    assert figures(services.get_target(rated.translation_key))[:2] == (1, 1)
