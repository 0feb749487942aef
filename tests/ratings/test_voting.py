"""Vote, change and withdraw through real HTTP, anonymous and logged in; one result per measure."""

import json

from django.contrib.auth import get_user_model
from django.test import Client

from digiradar_wagtail.ratings.conf import ratings_settings
from digiradar_wagtail.ratings.models import Vote
from digiradar_wagtail.ratings.services import get_target, recount
from tests.builders import translate

from .conftest import aggregate, post_vote, seen, set_rating

COOKIE = ratings_settings.RATINGS_COOKIE_NAME


def test_looking_at_a_rating_sets_no_cookie(client, rated):
    response = client.get(rated.url)
    assert response.status_code == 200
    assert COOKIE not in response.cookies
    assert 'type="radio"' in response.content.decode()


def test_anonymous_vote_change_and_withdraw(client, rated):
    response = post_vote(client, rated, 4)
    assert response.status_code == 303
    # To the uncached vote page, not to the measure page a shared cache may keep.
    assert response["Location"].startswith(f"/de/digiradar/ratings/{rated.pk}/vote/")
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert aggregate(rated) == (1, 4, {4: 1})
    # The database holds a keyed hash, never the cookie itself.
    assert Vote.objects.get().voter_id != cookie.value

    page = client.get(response["Location"]).content.decode()
    assert "Danke! Ihre Stimme wurde gespeichert." in page
    assert "Ihre Stimme:" in page and "4 Sterne" in page

    assert post_vote(client, rated, 2).status_code == 303
    assert aggregate(rated) == (1, 2, {2: 1})
    # Sending the same answer again changes nothing.
    response = post_vote(client, rated, 2)
    assert response.status_code == 303
    assert aggregate(rated) == (1, 2, {2: 1}) and recount(get_target(rated.translation_key)) == (1, 2, {2: 1})
    assert "Ihre Stimme wurde geändert." in client.get(response["Location"]).content.decode()

    response = post_vote(client, rated, action="withdraw")
    assert response.status_code == 303
    assert aggregate(rated) == (0, 0, {})
    assert Vote.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "Ihre Stimme wurde zurückgezogen." in page
    assert "Ihre Stimme:" not in page and "Ihre Stimme:" not in seen(client, rated)


def test_logged_in_vote_change_and_withdraw(client, rated):
    user = get_user_model().objects.create_user("citizen", password="pw")
    client.force_login(user)
    response = post_vote(client, rated, 5)
    assert response.status_code == 303
    assert COOKIE not in response.cookies
    vote = Vote.objects.get()
    assert vote.user == user and vote.voter_id is None
    post_vote(client, rated, 1)
    assert aggregate(rated) == (1, 1, {1: 1})
    post_vote(client, rated, action="withdraw")
    assert aggregate(rated) == (0, 0, {})


def test_each_person_has_one_vote(rated):
    for value in (5, 4, 4):
        assert post_vote(Client(), rated, value).status_code == 303
    same_person = Client()
    post_vote(same_person, rated, 1)
    post_vote(same_person, rated, 2)
    target = get_target(rated.translation_key)
    assert aggregate(rated) == (4, 15, {5: 1, 4: 2, 2: 1})
    assert recount(target) == (4, 15, {5: 1, 4: 2, 2: 1})


def test_german_and_english_pages_share_one_result(rated, english):
    english_page = translate(rated, english)
    assert english_page.translation_key == rated.translation_key
    post_vote(Client(), rated, 5)
    visitor = Client()
    assert post_vote(visitor, english_page, 3).status_code == 303
    assert aggregate(rated) == (2, 8, {5: 1, 3: 1})
    # The English page shows the shared result and this visitor's own vote, in English.
    html = visitor.get(f"/en/digiradar/personal/{english_page.pk}/").json()["html"]
    assert "2 votes" in html and "average 4.0 of 5 stars" in html and "Your vote:" in html
    # Voting again through the German page changes the same vote, not a second one.
    post_vote(visitor, rated, 1)
    assert aggregate(rated) == (2, 6, {5: 1, 1: 1})


def test_agree_scale(client, measure):
    from .conftest import set_rating

    page = set_rating(measure, scale="agree", question="Sollte die Stadt das tun?")
    html = client.get(page.url).content.decode()
    assert "<legend>Sollte die Stadt das tun?</legend>" in html
    assert post_vote(client, page, -1).status_code == 303
    post_vote(Client(), page, 1)
    post_vote(Client(), page, 1)
    assert aggregate(page) == (3, 1, {1: 2, -1: 1})
    html = client.get(page.url).content.decode()
    assert "Ablehnung" in html and "Zustimmung" in html and "3 Stimmen" in html


def test_script_gets_a_short_json_reply(client, rated):
    response = post_vote(client, rated, 3, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert payload["message"] == "Danke! Ihre Stimme wurde gespeichert."
    assert payload["vote"] == 3 and payload["vote_html"] == "Ihre Stimme: <strong>3 Sterne</strong>"
    # The results as the block draws them, not the whole block again.
    results = payload["results_html"]
    assert "1 Stimme" in results and "data-digiradar-rating-results" in results and "<form" not in results
    assert COOKIE in response.cookies
    # The fresh form token works for the next change (the page's CSRF token stays valid).
    used = payload["token"]
    response = post_vote(client, rated, 4, token=used, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["message"] == "Ihre Stimme wurde geändert."
    assert aggregate(rated) == (1, 4, {4: 1})
    # The figures in the reply are those after this vote, other people's votes included.
    post_vote(Client(), rated, 5)
    payload = post_vote(client, rated, 2, HTTP_ACCEPT="application/json").json()
    assert "2 Stimmen · durchschnittlich 3,5 von 5 Sternen" in payload["results_html"]
    withdrawn = post_vote(client, rated, action="withdraw", HTTP_ACCEPT="application/json").json()
    assert withdrawn["vote"] is None and withdrawn["vote_html"] == ""
    assert withdrawn["message"] == "Ihre Stimme wurde zurückgezogen."
    assert "1 Stimme" in withdrawn["results_html"]
    # A token already used is refused (409), as for the plain form.
    replay = post_vote(client, rated, 1, token=used, HTTP_ACCEPT="application/json")
    assert replay.status_code == 409 and replay.json()["error"]
    assert aggregate(rated) == (1, 5, {5: 1})


def test_the_reply_shows_results_after_ones_vote_only_where_the_block_says_so(client, measure):
    page = set_rating(measure, show_results="after_vote")
    payload = post_vote(client, page, 4, HTTP_ACCEPT="application/json").json()
    assert "1 Stimme" in payload["results_html"]
    payload = post_vote(client, page, action="withdraw", HTTP_ACCEPT="application/json").json()
    assert "digiradar-rating-chart" not in payload["results_html"]
    assert "Die Ergebnisse sehen Sie, sobald Sie abgestimmt haben." in payload["results_html"]


def test_a_script_that_shows_the_table_gets_the_figures_as_numbers(client, rated):
    figures = {"HTTP_ACCEPT": "application/json", "HTTP_X_DIGIRADAR_RESULTS": "figures"}
    post_vote(Client(), rated, 5)
    post_vote(Client(), rated, 5)
    payload = post_vote(client, rated, 2, **figures).json()
    assert "results_html" not in payload
    # What the table shows, in its order (5 stars first), as the block draws it.
    assert payload["results"] == {
        "total": "3 Stimmen · durchschnittlich 4,0 von 5 Sternen",
        "rows": [
            {"count": "2", "percent": 67},
            {"count": "0", "percent": 0},
            {"count": "0", "percent": 0},
            {"count": "1", "percent": 33},
            {"count": "0", "percent": 0},
        ],
    }
    html = client.get(f"/de/digiradar/ratings/{rated.pk}/vote/").content.decode()
    assert "3 Stimmen · durchschnittlich 4,0 von 5 Sternen" in html
    assert '<td class="digiradar-rating-number">2</td>' in html and ">67 %</span>" in html
    # Without the header (no table on the visitor's page): the results drawn, as before.
    payload = post_vote(client, rated, 3, HTTP_ACCEPT="application/json").json()
    assert "results" not in payload and "digiradar-rating-chart" in payload["results_html"]


def test_the_results_are_drawn_where_the_table_appears_or_goes(client, measure):
    page = set_rating(measure, show_results="after_vote")
    figures = {"HTTP_ACCEPT": "application/json", "HTTP_X_DIGIRADAR_RESULTS": "figures"}
    payload = post_vote(client, page, 4, **figures).json()
    assert payload["results"]["total"] == "1 Stimme · durchschnittlich 4,0 von 5 Sternen"
    # Withdrawn: no results for this visitor any more, the note instead of the table.
    payload = post_vote(client, page, action="withdraw", **figures).json()
    assert "results" not in payload
    assert "Die Ergebnisse sehen Sie, sobald Sie abgestimmt haben." in payload["results_html"]
    # The last vote withdrawn where results always show: "0 Stimmen", no table.
    rated = set_rating(measure, show_results="always")
    post_vote(client, rated, 2, **figures)
    payload = post_vote(client, rated, action="withdraw", **figures).json()
    assert "results" not in payload
    assert "0 Stimmen" in payload["results_html"] and "digiradar-rating-chart" not in payload["results_html"]


def test_deleting_an_account_withdraws_its_votes(client, rated):
    user = get_user_model().objects.create_user("leaving")
    client.force_login(user)
    post_vote(client, rated, 5)
    post_vote(Client(), rated, 2)
    client.logout()
    user.delete()
    target = get_target(rated.translation_key)
    assert aggregate(rated) == (1, 2, {2: 1}) and recount(target) == (1, 2, {2: 1})
