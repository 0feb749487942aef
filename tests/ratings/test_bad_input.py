"""Every refused request answers with a clear 4xx and leaves votes and aggregates untouched."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import timezone

from digiradar_wagtail.ratings.models import RatingTarget, Vote
from digiradar_wagtail.ratings.services import recount
from digiradar_wagtail.ratings.voters import TOKEN_SALT
from tests.builders import make_measure

from .conftest import form_token, post_vote, set_rating, snapshot


@pytest.fixture
def voted(rated):
    """One vote already in, so that 'unchanged' means something."""
    post_vote(Client(), rated, 5)
    return rated


def refused(response, status, text=None):
    assert response.status_code == status, response.content[:300]
    if text:
        assert text in response.content.decode()


@pytest.mark.parametrize("value", ["6", "0", "-1", "abc", "", "3.5", "1e1", " 9 "])
def test_values_outside_the_scale(client, voted, value):
    before = snapshot()
    refused(post_vote(client, voted, value), 400)
    assert snapshot() == before


@pytest.mark.parametrize(
    "value",
    [
        "\u0663",  # ARABIC-INDIC DIGIT THREE: int() would read 3
        "\uff15",  # FULLWIDTH DIGIT FIVE: int() would read 5
        "\u00b3",  # SUPERSCRIPT THREE
        "\u0969",  # DEVANAGARI DIGIT THREE
        "+3",
        "3 ",
        " 3",
        "03\n",
        "0_3",
    ],
)
def test_only_ascii_integers_count(client, voted, value):
    before = snapshot()
    response = post_vote(client, voted, value)
    refused(response, 400, "Wählen Sie eine der Antworten.")
    assert snapshot() == before
    response = post_vote(client, voted, value, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json()["error"] == "Wählen Sie eine der Antworten."
    # The same person sending the plain ASCII digit is counted.
    assert post_vote(client, voted, "3").status_code == 303


def test_missing_value_and_unknown_action(client, voted):
    before = snapshot()
    refused(post_vote(client, voted), 400)
    refused(post_vote(client, voted, 3, action="delete_all"), 400)
    assert snapshot() == before


def test_agree_scale_refuses_stars(client, measure):
    page = set_rating(measure, scale="agree")
    refused(post_vote(client, page, 3), 400)
    assert Vote.objects.count() == 0


def test_unknown_page_and_page_without_rating(client, voted, home):
    token = form_token(client, voted)
    before = snapshot()
    refused(client.post("/de/digiradar/ratings/999999/vote/", {"value": 3, "token": token}), 404)
    refused(client.post(f"/de/digiradar/ratings/{home.pk}/vote/", {"value": 3, "token": token}), 404)
    refused(client.post("/de/digiradar/ratings/abc/vote/", {"value": 3, "token": token}), 404)
    assert snapshot() == before


def test_unpublished_page(client, voted):
    token = form_token(client, voted)
    voted.unpublish()
    before = snapshot()
    refused(post_vote(client, voted, 3, token=token), 404)
    assert snapshot() == before


def test_get_shows_the_form_and_changes_nothing(client, voted):
    before = snapshot()
    response = client.get(f"/de/digiradar/ratings/{voted.pk}/vote/?value=3")
    assert response.status_code == 200 and 'name="token"' in response.content.decode()
    assert 'value="3" checked' in response.content.decode()
    assert snapshot() == before
    assert client.put(f"/de/digiradar/ratings/{voted.pk}/vote/").status_code == 405


def test_missing_csrf_token(voted):
    client = Client(enforce_csrf_checks=True)
    token = form_token(client, voted)
    before = snapshot()
    refused(client.post(f"/de/digiradar/ratings/{voted.pk}/vote/", {"value": 3, "token": token}), 403)
    assert snapshot() == before


def test_the_form_itself_passes_csrf(voted):
    client = Client(enforce_csrf_checks=True)
    html = client.get(f"/de/digiradar/ratings/{voted.pk}/vote/").content.decode()
    csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    token = html.split('name="token" value="')[1].split('"')[0]
    response = client.post(
        f"/de/digiradar/ratings/{voted.pk}/vote/", {"value": 3, "token": token, "csrfmiddlewaretoken": csrf}
    )
    assert response.status_code == 303


def test_replayed_request_changes_nothing(client, voted):
    token = form_token(client, voted)
    assert post_vote(client, voted, 2, token=token).status_code == 303
    post_vote(client, voted, action="withdraw")  # the person withdraws with a fresh form ...
    before = snapshot()
    # ... and someone replays the earlier POST, cookie included.
    refused(post_vote(client, voted, 2, token=token), 409)
    assert snapshot() == before


def test_missing_forged_expired_or_foreign_token(client, voted, radar):
    other = set_rating(make_measure(radar, "Andere"))
    before = snapshot()
    refused(post_vote(client, voted, 3, token=""), 400)
    refused(post_vote(client, voted, 3, token="not-a-token"), 400)
    forged = signing.TimestampSigner(salt=f"another-salt:{voted.translation_key}").sign("0" * 32)
    refused(post_vote(client, voted, 3, token=forged), 400)
    # A token in the earlier format (a signed JSON object): refused like an expired one, no error.
    old = signing.dumps({"k": str(voted.translation_key), "n": "0" * 32}, salt=TOKEN_SALT)
    refused(post_vote(client, voted, 3, token=old), 400)
    not_hex = signing.TimestampSigner(salt=f"{TOKEN_SALT}:{voted.translation_key}").sign("x" * 32)
    refused(post_vote(client, voted, 3, token=not_hex), 400)
    refused(post_vote(client, voted, 3, token=form_token(client, other)), 400)
    with override_settings(DIGIRADAR_RATINGS_FORM_MAX_AGE=-1):
        refused(post_vote(client, voted, 3), 400)
    assert snapshot() == before
    # A well-formed token needs the server's key: this one is signed correctly and works.
    good = signing.TimestampSigner(salt=f"{TOKEN_SALT}:{voted.translation_key}").sign("a" * 32)
    assert post_vote(client, voted, 3, token=good).status_code == 303


def test_closed_rating(client, measure):
    page = set_rating(measure, mode="closed")
    html = client.get(page.url).content.decode()
    assert 'type="radio"' not in html
    # A token from when it was open does not help.
    open_page = set_rating(page, mode="open")
    token = form_token(client, open_page)
    closed = set_rating(open_page, mode="closed")
    refused(post_vote(client, closed, 3, token=token), 403)
    assert Vote.objects.count() == 0 and not RatingTarget.objects.exists()


def test_scheduled_rating_before_and_after_its_window(client, measure):
    now = timezone.now()
    page = set_rating(
        measure,
        mode="scheduled",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    token = form_token(client, page)
    later = set_rating(page, mode="scheduled", opens_at=now + datetime.timedelta(days=1))
    refused(post_vote(client, later, 3, token=token), 403)
    over = set_rating(page, mode="scheduled", closes_at=now - datetime.timedelta(minutes=1))
    refused(post_vote(client, over, 3, token=token), 403)
    assert Vote.objects.count() == 0


@override_settings(DIGIRADAR_RATINGS_ALLOW_ANONYMOUS=False)
def test_anonymous_voting_switched_off(client, measure):
    page = set_rating(measure)
    html = client.get(page.url).content.decode()
    assert 'type="radio"' not in html
    from digiradar_wagtail.ratings.voters import make_form_token

    refused(post_vote(client, page, 3, token=make_form_token(page.translation_key)), 403)
    assert Vote.objects.count() == 0
    client.force_login(get_user_model().objects.create_user("citizen"))
    assert post_vote(client, page, 3).status_code == 303


def test_errors_answer_json_for_the_script(client, voted):
    response = post_vote(client, voted, 9, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_database_refuses_what_the_endpoint_never_sends(voted):
    """The constraints hold even for code that bypasses the endpoint."""
    target = RatingTarget.objects.get()
    user = get_user_model().objects.create_user("u")
    bad_rows = [
        dict(target=target, scale="stars", value=6, voter_id="x" * 64),
        dict(target=target, scale="stars", value=0, voter_id="y" * 64),
        dict(target=target, scale="agree", value=2, voter_id="z" * 64),
        dict(target=target, scale="stars", value=3),  # nobody
        dict(target=target, scale="stars", value=3, user=user, voter_id="w" * 64),  # two owners
        dict(target=target, scale="stars", value=3, voter_id=Vote.objects.get().voter_id),  # second vote
    ]
    for row in bad_rows:
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(**row)
    Vote.objects.create(target=target, scale="stars", value=3, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(target=target, scale="stars", value=4, user=user)
    # An aggregate that does not add up cannot be stored either: none is stored, it is counted.
    assert not {field.name for field in RatingTarget._meta.get_fields()} & {"vote_count", "vote_sum", "n_3"}
    counted = RatingTarget.objects.with_counts().get(pk=target.pk)
    assert (counted.vote_count, counted.vote_sum) == recount(target)[:2] == (2, 8)
