"""
Public pages a shared cache can keep: what an anonymous visitor gets is the same for everyone
(no cookie, no Vary: Cookie, public with an s-maxage); what is the visitor's own comes from the
uncached endpoint; without JavaScript a citizen still comments and rates from a cached page.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.utils.cache import cc_delim_re

from digiradar_wagtail.comments.models import Comment, PendingConfirmation
from digiradar_wagtail.ratings.models import Vote
from tests import builders

from ..comments.conftest import FormFields

pytestmark = pytest.mark.django_db

MIDDLEWARE = "digiradar_wagtail.public.shared_cache.SharedCacheMiddleware"


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_shared(response, seconds=600):
    assert response.status_code == 200, response.content[:300]
    assert not response.cookies, response.cookies
    vary = [field.lower() for field in cc_delim_re.split(response.get("Vary", "")) if field]
    assert "cookie" not in vary
    assert {"public", "max-age=0", f"s-maxage={seconds}"} <= cache_control(response)


def assert_private(response):
    assert "private" in cache_control(response) and "public" not in cache_control(response)
    assert not any(part.startswith("s-maxage") for part in cache_control(response))


def public_urls(measure):
    radar = measure.get_parent()
    return [
        radar.url,
        radar.url + "?q=B%C3%BCrger",
        measure.url,
        radar.url + "export.json",
        radar.url + "export.csv",
        radar.url + "feed.atom",
    ]


def test_anonymous_gets_the_same_bytes_as_everyone(measure):
    for url in public_urls(measure):
        response = Client().get(url)
        # The measure's rating shows its results (the default): that page ages faster.
        assert_shared(response, seconds=60 if url == measure.url else 600)
        # The radar's own script, if any, never brings a form token.
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_two_visitors_with_their_own_cookies_get_identical_pages(measure):
    first, second = Client(), Client()
    Client().get(measure.url)
    # The second visitor voted before (it has a voter cookie) and both carry a csrftoken cookie.
    second.cookies["digiradar_voter"] = "x" * 32
    first.cookies["csrftoken"] = "a" * 32
    assert first.get(measure.url).content == second.get(measure.url).content


def test_public_vote_results_shorten_the_pages_age(measure, settings):
    assert_shared(Client().get(measure.url), seconds=60)
    measure.participation = [("rating", {"show_results": "after_close"})]
    measure.save_revision().publish()
    assert_shared(Client().get(measure.url), seconds=600)
    settings.DIGIRADAR_PUBLIC_CACHE_SECONDS = 30
    assert_shared(Client().get(measure.url), seconds=30)


def test_logged_in_people_and_sessions_are_never_shared(measure, radar):
    client = Client()
    client.force_login(get_user_model().objects.create_user("citizen", password="pw"))
    for url in (measure.url, radar.url, radar.url + "export.csv"):
        assert_private(client.get(url))
    html = client.get(measure.url).content.decode()
    # Rendered for this person: the forms carry their tokens.
    assert 'name="csrfmiddlewaretoken"' in html and 'name="token"' in html


def test_previews_are_never_shared(admin_client, measure):
    # An editor's view of the draft goes through the page's preview rendering.
    response = admin_client.get(f"/admin/pages/{measure.pk}/view_draft/")
    assert response.status_code == 200 and measure.title in response.content.decode()
    assert_private(response)


@override_settings(DIGIRADAR_PUBLIC_CACHE_SECONDS=0)
def test_switched_off_every_page_is_rendered_for_its_visitor(measure):
    response = Client().get(measure.url)
    assert_private(response)
    assert 'name="token"' in response.content.decode()


def test_the_personal_endpoint_is_never_cached_and_brings_the_tokens(measure):
    client = Client(enforce_csrf_checks=True)
    response = client.get(f"/de/digiradar/personal/{measure.pk}/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    html = response.json()["html"]
    assert 'name="csrfmiddlewaretoken"' in html and 'name="token"' in html
    assert 'id="comment-form"' in html and 'method="post"' in html
    assert "csrftoken" in response.cookies


def test_the_personal_endpoint_only_serves_live_public_pages(measure, radar):
    draft = builders.make_measure(radar, "Entwurf", publish=False)
    assert Client().get(f"/de/digiradar/personal/{draft.pk}/").status_code == 404
    assert Client().get("/de/digiradar/personal/999999/").status_code == 404
    assert Client().post(f"/de/digiradar/personal/{measure.pk}/").status_code in (403, 405)


def test_without_javascript_a_citizen_rates_from_the_cached_page(measure):
    citizen = Client(enforce_csrf_checks=True)
    cached = citizen.get(measure.url)
    assert_shared(cached, seconds=60)
    html = cached.content.decode()
    form = re.search(r'<form method="get" action="([^"]+)" class="digiradar-rating-form">', html)
    assert form, "the cached page has a rating form that needs no token"
    # The citizen picks 4 stars and sends the form: the one extra page, uncached, with the tokens.
    page = citizen.get(form.group(1), {"value": "4", "action": "vote"})
    assert page.status_code == 200 and "no-store" in cache_control(page)
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|token)" value="([^"]+)"', page.content.decode()))
    assert 'value="4" checked' in page.content.decode()
    response = citizen.post(form.group(1), {**fields, "value": "4", "action": "vote"})
    assert response.status_code == 303
    thanks = citizen.get(response["Location"]).content.decode()
    assert "Danke! Ihre Stimme wurde gespeichert." in thanks and "Ihre Stimme:" in thanks
    assert Vote.objects.get().value == 4


@override_settings(COMMENTS_XTD_CONFIRM_EMAIL=False)
def test_without_javascript_a_citizen_comments_from_the_cached_page(measure):
    citizen = Client(enforce_csrf_checks=True)
    html = citizen.get(measure.url).content.decode()
    link = re.search(r'id="comment-form"><a class="digiradar-button" href="([^"]+)"', html)
    assert link, "the cached page links to the comment form's own page"
    page = citizen.get(link.group(1))
    assert page.status_code == 200 and "no-store" in cache_control(page)
    parser = FormFields()
    parser.feed(page.content.decode())
    fields = {**parser.fields, "name": "Anna", "email": "anna@example.org"}
    fields.update(comment="Gute Idee", consent="on")
    response = citizen.post(parser.action, fields)
    assert response.status_code == 303, response.content[:500]
    assert Comment.objects.get().comment == "Gute Idee"


def test_a_forged_cross_site_post_is_refused(measure):
    # Another site's page can make the browser POST, but it cannot read the token.
    forger = Client(enforce_csrf_checks=True)
    forger.get(measure.url)
    vote = forger.post(f"/de/digiradar/ratings/{measure.pk}/vote/", {"value": 5, "action": "vote"})
    comment = forger.post(
        "/de/digiradar/comments/post/",
        {"comment": "Gefälscht", "name": "X", "email": "x@example.org", "consent": "on"},
    )
    assert vote.status_code == 403 and comment.status_code == 403
    assert not Vote.objects.exists() and not Comment.objects.exists()
    assert not PendingConfirmation.objects.exists()


def test_the_middleware_must_come_before_the_session_middleware(settings):
    def ids():
        return {message.id for message in run_checks()}

    settings.MIDDLEWARE = [entry for entry in settings.MIDDLEWARE if entry != MIDDLEWARE]
    assert "digiradar_wagtail.W008" in ids()
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    assert "digiradar_wagtail.E013" in ids()
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE[:-1]]
    assert not {"digiradar_wagtail.W008", "digiradar_wagtail.E013"} & ids()
