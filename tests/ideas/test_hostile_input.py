"""
Hostile and broken input on every new form and endpoint gets a clear 4xx, never a 500, and
never a half-written record; rate limits answer 429.
"""

import pytest
from django.test import Client

from digiradar_wagtail.ideas.models import PENDING, Idea, IdeaReport, IdeaSupport
from tests.ideas.conftest import idea_data, make_idea, post_idea, propose_url

pytestmark = pytest.mark.django_db
ADMIN = "/admin/digiradar-ideas/"


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"title": "x" * 201},
        {"title": "Nul\x00Byte"},
        {"description": "   "},
        {"description": "y" * 3001},
        {"description": "http://a.example http://b.example http://c.example"},
        {"sector": "kein-sektor"},
        {"sector": ["sektor-1", "\x00"]},
        {"email": "not-an-address"},
        {"name": "n" * 51},
        {"consent": ""},
        {"website": "http://spam.example"},
    ],
)
def test_a_broken_idea_is_refused_with_the_field_named(client, ideas_page, fields):
    data = idea_data(**fields)
    data = {key: value for key, value in data.items() if value != ""}
    response = client.post(propose_url(ideas_page), data)
    assert response.status_code == 400
    assert 'class="digiradar-error-summary"' in response.content.decode()
    assert not Idea.objects.exists()


def test_ideas_for_pages_that_take_none_are_404(client, ideas_page, radar):
    assert client.get(f"/de/digiradar/ideas/propose/{radar.pk}/").status_code == 404
    assert client.post("/de/digiradar/ideas/propose/999999/", idea_data()).status_code == 404
    assert client.get("/de/digiradar/ideas/propose/99999999999999999999999/").status_code == 404
    ideas_page.unpublish()
    assert client.post(propose_url(ideas_page), idea_data()).status_code == 404
    assert not Idea.objects.exists()


def test_the_post_limit_answers_429(client, ideas_page, settings):
    settings.DIGIRADAR_IDEAS_RATE_LIMIT = 2
    statuses = [post_idea(client, ideas_page, title=f"Idee {n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    assert Idea.objects.count() == 2
    assert (
        post_idea(client, ideas_page, title="Andere Adresse", REMOTE_ADDR="198.51.100.1").status_code == 200
    )


@pytest.mark.parametrize("key", ["x", "eyJpZCI6MX0:abc:def", "a" * 3000, "%00", "..%2f"])
def test_forged_confirmation_links_are_400(client, key):
    assert client.get(f"/de/digiradar/ideas/confirm/{key}/").status_code in (400, 404)


def test_support_and_report_only_published_ideas(client, ideas_page):
    pending = make_idea(ideas_page, state=PENDING)
    for url in (f"/de/digiradar/ideas/{pending.pk}/support/", f"/de/digiradar/ideas/{pending.pk}/report/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "spam"}).status_code == 404
    assert client.post("/de/digiradar/ideas/999999/support/").status_code == 404
    assert client.put(f"/de/digiradar/ideas/{pending.pk}/support/").status_code == 405
    assert not IdeaSupport.objects.exists() and not IdeaReport.objects.exists()


def test_a_forged_cross_site_support_is_refused(ideas_page):
    idea = make_idea(ideas_page)
    forged = Client(enforce_csrf_checks=True)
    assert forged.post(f"/de/digiradar/ideas/{idea.pk}/support/").status_code == 403
    assert not IdeaSupport.objects.exists()


@pytest.mark.parametrize(
    "data", [{}, {"reason": "bogus"}, {"reason": "spam", "note": "n" * 501}, {"reason": "\x00"}]
)
def test_a_broken_report_is_400(client, ideas_page, data):
    idea = make_idea(ideas_page)
    assert client.post(f"/de/digiradar/ideas/{idea.pk}/report/", data).status_code == 400
    assert not IdeaReport.objects.exists()


def test_one_report_per_person_and_enough_reports_send_it_back(client, ideas_page, settings):
    settings.DIGIRADAR_IDEAS_ANONYMOUS_REPORTS_TO_PENDING = 2
    idea = make_idea(ideas_page)
    url = f"/de/digiradar/ideas/{idea.pk}/report/"
    assert client.post(url, {"reason": "spam"}, REMOTE_ADDR="203.0.113.1").status_code == 200
    assert client.post(url, {"reason": "spam"}, REMOTE_ADDR="203.0.113.1").status_code == 400
    assert Idea.objects.get(pk=idea.pk).state == "published"
    assert client.post(url, {"reason": "abuse"}, REMOTE_ADDR="203.0.113.2").status_code == 200
    assert Idea.objects.get(pk=idea.pk).state == PENDING


@pytest.mark.parametrize(
    "query",
    [
        {"answer": "bogus"},
        {"sector": "\x00"},
        {"sort": "-id"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "9" * 40},
    ],
)
def test_broken_list_filters_are_400_and_name_the_filter(client, ideas_page, query):
    make_idea(ideas_page)
    response = client.get(ideas_page.url, query)
    assert response.status_code == 400
    assert "digiradar-ideas-filter-errors" in response.content.decode()


def test_a_page_past_the_end_shows_the_last(client, ideas_page):
    make_idea(ideas_page)
    assert client.get(ideas_page.url, {"page": 99}).status_code == 200
    assert client.get(f"{ideas_page.url}999999/").status_code == 404


@pytest.mark.parametrize(
    "path, data",
    [
        ("answer", {"answer": "bogus", "text": "x"}),
        ("answer", {"answer": "received", "text": ""}),
        ("answer", {"answer": "received", "text": "x", "measure": "abc"}),
        ("answer", {"answer": "received", "text": "t" * 5001}),
        ("hide", {"reason": "r" * 1001}),
    ],
)
def test_broken_admin_posts_change_nothing(client, ideas_page, idea_moderator, path, data):
    idea = make_idea(ideas_page, state=PENDING)
    client.force_login(idea_moderator)
    response = client.post(f"{ADMIN}{path}/{idea.pk}/", data)
    assert response.status_code == 302
    stored = Idea.objects.get(pk=idea.pk)
    assert (stored.state, stored.answer, stored.answer_text) == (PENDING, "received", "")
    assert client.get(f"{ADMIN}inspect/{idea.pk}/").status_code == 200


def test_a_measure_of_another_radar_cannot_be_linked(client, ideas_page, idea_moderator, home):
    from tests import builders

    other = builders.make_measure(builders.make_radar(home, slug="anderes-radar"), "Fremd")
    idea = make_idea(ideas_page)
    client.force_login(idea_moderator)
    client.post(f"{ADMIN}answer/{idea.pk}/", {"answer": "taken_up", "text": "x", "measure": other.pk})
    assert Idea.objects.get(pk=idea.pk).measure_id is None


@pytest.mark.parametrize(
    "query", [{"state": "bogus"}, {"answer": "x"}, {"radar_key": "\x00"}, {"q": "a\x00"}]
)
def test_broken_admin_filters_are_4xx(client, ideas_page, idea_moderator, query):
    client.force_login(idea_moderator)
    response = client.get(ADMIN, query)
    assert response.status_code == 400
    assert "Einige Filter konnten nicht angewendet werden" in response.content.decode()


def test_bulk_actions_with_forged_ids_change_nothing(client, ideas_page, idea_moderator):
    idea = make_idea(ideas_page, state=PENDING)
    unconfirmed = make_idea(ideas_page, "Unbestätigt", state=PENDING, awaiting_confirmation=True)
    client.force_login(idea_moderator)
    url = "/admin/bulk/digiradar_ideas/idea/approve/?next=/admin/&id=abc&id=99999999999999999999999&id=-1"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code in (200, 302)
    response = client.post(f"{url}&id={unconfirmed.pk}")
    assert response.status_code in (200, 302)
    assert set(Idea.objects.values_list("state", flat=True)) == {PENDING}
    assert client.post(f"{url}&id={idea.pk}").status_code == 302
    assert Idea.objects.get(pk=idea.pk).state == "published"
