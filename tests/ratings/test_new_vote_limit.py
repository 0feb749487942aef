"""
Dropping the voter cookie does not buy another vote: new anonymous votes on one rating are
limited per client address (RATINGS_COOKIELESS_REVOTE_LIMIT within RATINGS_COOKIELESS_REVOTE_WINDOW).
"""

from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from digiradar_wagtail.ratings.conf import DEFAULTS
from tests.builders import make_measure

from .conftest import aggregate, post_vote, set_rating, snapshot

ADDRESS = "203.0.113.7"


def cookieless(address=ADDRESS):
    """A fresh browser (no cookies) at ``address``: what an attacker gets by clearing cookies."""
    return Client(REMOTE_ADDR=address)


def test_twelve_cookieless_votes_from_one_address_count_as_the_limit(rated, new_vote_limit):
    assert new_vote_limit == 2 == DEFAULTS["RATINGS_COOKIELESS_REVOTE_LIMIT"]
    statuses = []
    for _ in range(12):
        client = cookieless()
        before = snapshot()
        response = post_vote(client, rated, 5)
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert snapshot() == before  # nothing stored
            assert response["Retry-After"] == str(DEFAULTS["RATINGS_COOKIELESS_REVOTE_WINDOW"])
            assert "Von Ihrem Anschluss wurde hier bereits abgestimmt." in response.content.decode()
            assert "digiradar_voter" not in response.cookies  # no cookie for a refused vote
    assert statuses == [303] * new_vote_limit + [429] * (12 - new_vote_limit)
    assert aggregate(rated) == (2, 10, {5: 2})
    # The script (JSON) gets the same readable answer.
    response = post_vote(cookieless(), rated, 5, HTTP_ACCEPT="application/json")
    assert response.status_code == 429 and "Von Ihrem Anschluss" in response.json()["error"]


def test_other_addresses_and_other_ratings_are_not_affected(rated, radar, new_vote_limit):
    other = set_rating(make_measure(radar, "Andere Maßnahme"))
    for _ in range(new_vote_limit + 3):
        post_vote(cookieless(), rated, 4)
    assert aggregate(rated)[0] == new_vote_limit
    for index in range(5):
        assert post_vote(cookieless(f"198.51.100.{index + 1}"), rated, 3).status_code == 303
    assert aggregate(rated)[0] == new_vote_limit + 5
    # The same address may still rate another measure.
    assert post_vote(cookieless(), other, 2).status_code == 303
    assert aggregate(other) == (1, 2, {2: 1})


def test_a_voter_who_keeps_the_cookie_can_still_change_and_withdraw(rated, new_vote_limit):
    keeper = cookieless()
    assert post_vote(keeper, rated, 1).status_code == 303
    assert keeper.cookies["digiradar_voter"].value
    # Someone else behind the same address uses up the allowance (and more).
    for _ in range(6):
        post_vote(cookieless(), rated, 5)
    assert aggregate(rated) == (2, 6, {1: 1, 5: 1})
    for value in (2, 3, 4, 5, 4):
        assert post_vote(keeper, rated, value).status_code == 303
    assert aggregate(rated) == (2, 9, {4: 1, 5: 1})
    assert post_vote(keeper, rated, action="withdraw").status_code == 303
    assert aggregate(rated) == (1, 5, {5: 1})


def test_an_invented_cookie_counts_as_no_cookie(rated, new_vote_limit):
    statuses = []
    for index in range(6):
        client = cookieless()
        client.cookies["digiradar_voter"] = f"made-up-cookie-number-{index:04d}"
        statuses.append(post_vote(client, rated, 5).status_code)
    assert statuses == [303] * new_vote_limit + [429] * (6 - new_vote_limit)
    assert aggregate(rated)[0] == new_vote_limit


def test_logged_in_voters_are_not_counted(rated, new_vote_limit):
    for index in range(new_vote_limit + 2):
        client = cookieless()
        client.force_login(get_user_model().objects.create_user(f"citizen{index}"))
        assert post_vote(client, rated, 4).status_code == 303
    assert aggregate(rated)[0] == new_vote_limit + 2


def test_the_limit_and_window_are_settings(rated, new_vote_limit):
    with override_settings(DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT=4):
        statuses = [post_vote(cookieless(), rated, 3).status_code for _ in range(6)]
    assert statuses == [303] * 4 + [429] * 2
    # A window of one second has passed: allowed again (the counter starts afresh).
    with override_settings(DIGIRADAR_RATINGS_COOKIELESS_REVOTE_WINDOW=1):
        import time

        from django.core.cache import cache

        cache.clear()
        assert post_vote(cookieless(), rated, 3).status_code == 303
        assert post_vote(cookieless(), rated, 3).status_code == 303
        assert post_vote(cookieless(), rated, 3).status_code == 429
        time.sleep(1.1)
        assert post_vote(cookieless(), rated, 3).status_code == 303
