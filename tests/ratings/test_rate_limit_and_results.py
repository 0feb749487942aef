"""Rate limit per client, and when results are shown."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from digiradar_wagtail.participation.ratelimit import client_hash
from digiradar_wagtail.ratings.models import Vote

from .conftest import aggregate, post_vote, seen, set_rating, snapshot


@override_settings(DIGIRADAR_RATINGS_RATE_LIMIT=3)
def test_rate_limit_per_client_address(rated):
    for value in (1, 2, 3):
        assert post_vote(Client(REMOTE_ADDR="203.0.113.7"), rated, value).status_code == 303
    before = snapshot()
    response = post_vote(Client(REMOTE_ADDR="203.0.113.7"), rated, 4)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert snapshot() == before
    # Another address is not affected.
    assert post_vote(Client(REMOTE_ADDR="198.51.100.1"), rated, 4).status_code == 303
    assert aggregate(rated)[0] == 4


@override_settings(DIGIRADAR_RATINGS_RATE_LIMIT=2)
def test_rate_limit_per_user(rated):
    client = Client()
    client.force_login(get_user_model().objects.create_user("busy"))
    assert post_vote(client, rated, 1).status_code == 303
    assert post_vote(client, rated, 2).status_code == 303
    assert post_vote(client, rated, 3).status_code == 429
    assert aggregate(rated) == (1, 2, {2: 1})


def test_no_raw_address_is_stored(rated):
    post_vote(Client(REMOTE_ADDR="203.0.113.99"), rated, 5)
    stored = repr(list(Vote.objects.values()))
    assert "203.0.113.99" not in stored
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.99")
    request.user = AnonymousUser()
    for purpose in ("ratings.rate", "ratings.newvote"):
        assert client_hash(request, purpose) not in stored


def results_shown(client, page):
    return "digiradar-rating-chart" in seen(client, page)


def test_results_always(client, rated):
    post_vote(Client(), rated, 5)
    assert results_shown(client, rated)


def test_results_after_own_vote(client, measure):
    page = set_rating(measure, show_results="after_vote")
    post_vote(Client(), page, 5)
    html = seen(client, page)
    assert "digiradar-rating-chart" not in html and "1 Stimme" not in html
    assert "Die Ergebnisse sehen Sie, sobald Sie abgestimmt haben." in html
    post_vote(client, page, 3)
    assert results_shown(client, page)
    post_vote(client, page, action="withdraw")
    assert not results_shown(client, page)


def test_results_after_close(client, measure):
    now = timezone.now()
    page = set_rating(
        measure, show_results="after_close", mode="scheduled", closes_at=now + datetime.timedelta(days=1)
    )
    post_vote(Client(), page, 5)
    post_vote(client, page, 4)
    assert not results_shown(client, page)  # not even to those who voted
    assert "Ihre Stimme:" in seen(client, page)
    page = set_rating(
        page, show_results="after_close", mode="scheduled", closes_at=now - datetime.timedelta(seconds=1)
    )
    assert results_shown(Client(), page)
