"""
A citizen's form refused by Django's CSRF check is offered again with what was entered
(``digiradar_wagtail.public.csrf``): the first-visit race in which a second answer replaced the
CSRF cookie while the form was open. Another site's POST, a POST without ``Origin`` and the
admin's forms keep Django's own 403.
"""

import html
import re

import pytest
from django.test import Client

from digiradar_wagtail.ratings.models import Vote

from .conftest import TOKEN

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
SITE = "http://testserver"


def vote_url(page):
    return f"/de/digiradar/ratings/{page.pk}/vote/"


def refused_vote(page, **headers):
    """A vote whose form was rendered for one CSRF cookie and sent with another (the race)."""
    client = Client(enforce_csrf_checks=True)
    form = client.get(vote_url(page)).content.decode()
    client.cookies["csrftoken"] = "b" * 32  # a second answer set a new cookie meanwhile
    data = {
        "csrfmiddlewaretoken": CSRF.search(form).group(1),
        "token": TOKEN.search(form).group(1),
        "action": "vote",
        "value": "4",
    }
    return client, client.post(vote_url(page), data, **headers)


def test_a_refused_vote_is_offered_again_and_counts_once_sent(rated):
    client, response = refused_vote(rated, HTTP_ORIGIN=SITE)
    text = response.content.decode()
    assert response.status_code == 403
    assert "Bitte senden Sie das Formular erneut" in text
    assert Vote.objects.count() == 0  # nothing stored before the citizen sends it again
    fields = {name: html.unescape(value) for name, value in HIDDEN.findall(text)}
    assert fields["value"] == "4" and fields["action"] == "vote" and fields["token"]
    assert f'action="{vote_url(rated)}"' in text
    resent = client.post(vote_url(rated), {**fields, "csrfmiddlewaretoken": CSRF.search(text).group(1)})
    assert resent.status_code == 303
    assert list(Vote.objects.values_list("value", flat=True)) == [4]


@pytest.mark.parametrize(
    ("referer", "link"), [("http://testserver/de/radar/", True), ("https://evil.example/", False)]
)
def test_the_link_back_leads_only_to_a_page_of_this_site(rated, referer, link):
    _client, response = refused_vote(rated, HTTP_ORIGIN=SITE, HTTP_REFERER=referer)
    text = response.content.decode()
    assert response.status_code == 403
    assert (f'<a href="{referer}">Zurück zum Formular</a>' in text) is link
    assert "evil.example" not in text


def test_the_enhancing_script_gets_the_message_as_json(rated):
    _client, response = refused_vote(rated, HTTP_ORIGIN=SITE, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert "Sicherheits-Cookie" in response.json()["error"]
    assert Vote.objects.count() == 0


@pytest.mark.parametrize(
    "headers", [{"HTTP_ORIGIN": "https://evil.example"}, {}], ids=["other site", "no origin"]
)
def test_a_post_not_from_this_site_keeps_djangos_answer(rated, headers):
    _client, response = refused_vote(rated, **headers)
    text = response.content.decode()
    assert response.status_code == 403
    assert "Bitte senden Sie das Formular erneut" not in text and 'name="token"' not in text
    assert Vote.objects.count() == 0


def test_the_admins_forms_are_never_offered_again(rated):
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    client.cookies["csrftoken"] = "b" * 32
    response = client.post(
        "/admin/login/",
        {"csrfmiddlewaretoken": "a" * 64, "username": "anna", "password": "secret-password"},
        HTTP_ORIGIN=SITE,
    )
    assert response.status_code == 403
    assert "secret-password" not in response.content.decode()
