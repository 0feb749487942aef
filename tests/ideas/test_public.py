"""
The public ideas pages through real HTTP: the list's filters without JavaScript, shared-cache
headers (the list, an idea and the open data are the same for everyone; the forms are not), the
open data without personal data and with defused CSV cells, queries that do not grow with the
number of ideas, and the ideas page in both languages.
"""

import csv
import io
import json

import pytest
from django.test import Client

from digiradar_wagtail.ideas.models import HIDDEN, PENDING, Answer, IdeaSupport
from tests import builders
from tests.ideas.conftest import make_idea, propose_url

pytestmark = pytest.mark.django_db


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def add_supports(idea, count):
    IdeaSupport.objects.bulk_create(IdeaSupport(idea=idea, voter_id=f"v{idea.pk}-{n}") for n in range(count))


def titles_in(response):
    """The ideas' titles in the order the list shows them."""
    html = response.content.decode()
    shown = [title for title in ("Alpha", "Beta", "Gamma", "Versteckt", "Wartend") if f">{title}</a>" in html]
    return sorted(shown, key=lambda title: html.index(f">{title}</a>"))


@pytest.fixture
def listed(ideas_page):
    alpha = make_idea(ideas_page, "Alpha", sector="sektor-1", created_at=builders.days_ago(3))
    beta = make_idea(
        ideas_page, "Beta", sector="sektor-2", created_at=builders.days_ago(2), answer=Answer.TAKEN_UP
    )
    gamma = make_idea(ideas_page, "Gamma", sector="sektor-1", created_at=builders.days_ago(1))
    make_idea(ideas_page, "Versteckt", state=HIDDEN)
    make_idea(ideas_page, "Wartend", state=PENDING)
    add_supports(alpha, 5)
    add_supports(beta, 2)
    return alpha, beta, gamma


def test_the_list_filters_and_sorts_with_a_plain_get_form(client, ideas_page, listed):
    url = ideas_page.url
    html = client.get(url).content.decode()
    assert '<form method="get"' in html and 'name="sector"' in html and 'name="sort"' in html
    assert titles_in(client.get(url)) == ["Gamma", "Beta", "Alpha"]  # newest first; never hidden or pending
    assert titles_in(client.get(url, {"sort": "supported"})) == ["Alpha", "Beta", "Gamma"]
    assert titles_in(client.get(url, {"sector": "sektor-1"})) == ["Gamma", "Alpha"]
    assert titles_in(client.get(url, {"answer": "taken_up"})) == ["Beta"]
    assert titles_in(client.get(url, {"answer": "not_pursued"})) == []


def test_the_list_pages_and_keeps_its_filters(client, ideas_page, settings):
    settings.DIGIRADAR_IDEAS_PER_PAGE = 2
    for n in range(5):
        make_idea(ideas_page, f"Idee {n}", created_at=builders.days_ago(n))
    html = client.get(ideas_page.url, {"sector": "sektor-1", "page": 2}).content.decode()
    assert "Idee 2" in html and "Idee 0" not in html
    assert "?sector=sektor-1&amp;page=3" in html and "?sector=sektor-1&amp;page=1" in html


def test_list_idea_and_open_data_are_shared_the_forms_are_not(ideas_page, listed):
    alpha = listed[0]
    visitor = Client()
    for url in (
        ideas_page.url,
        f"{ideas_page.url}{alpha.pk}/",
        "/de/radar/ideas.json",
        "/de/radar/ideas.csv",
    ):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert {"public", "max-age=0", "s-maxage=600"} <= cache_control(response), url
        assert not response.cookies and "Cookie" not in response.get("Vary", ""), url
        assert b"csrfmiddlewaretoken" not in response.content, url
    for url in (propose_url(ideas_page), f"/de/digiradar/ideas/{alpha.pk}/support/"):
        response = visitor.get(url)
        assert response.status_code == 200 and b"csrfmiddlewaretoken" in response.content, url
        assert "no-cache" in cache_control(response) or "max-age=0" in cache_control(response), url
        assert "public" not in cache_control(response), url


def test_open_data_has_published_ideas_without_personal_data(client, ideas_page, listed):
    alpha = listed[0]
    alpha.author_name, alpha.author_email = "Ada Lovelace", "ada@example.org"
    alpha.title = '=HYPERLINK("http://evil")'
    alpha.save()
    document = client.get("/de/radar/ideas.json").json()
    assert document["count"] == 3
    by_id = {row["id"]: row for row in document["ideas"]}
    assert by_id[alpha.pk]["supports"] == 5 and by_id[alpha.pk]["sector"] == "sektor-1"
    assert by_id[listed[1].pk]["answer"] == "taken_up"
    assert by_id[alpha.pk]["url"] == f"http://testserver{ideas_page.url}{alpha.pk}/"
    text = json.dumps(document)
    assert "Ada" not in text and "ada@example.org" not in text and "Versteckt" not in text
    rows = list(csv.DictReader(io.StringIO(client.get("/de/radar/ideas.csv").content.decode("utf-8-sig"))))
    assert len(rows) == 3
    formula = next(row for row in rows if row["id"] == str(alpha.pk))
    assert formula["title"] == '\'=HYPERLINK("http://evil")'
    assert "ada@example.org" not in json.dumps(rows)
    assert client.get("/de/radar/ideas.xml").status_code == 404


def test_the_english_ideas_page_lists_the_same_ideas(client, ideas_page, listed):
    _german, english = builders.locales()
    english_page = builders.translate(ideas_page, english)
    response = client.get(english_page.url)
    assert response.status_code == 200
    assert titles_in(response) == ["Gamma", "Beta", "Alpha"]
    html = response.content.decode()
    assert "Propose an idea" in html and "Sector 1" not in html  # the radar's own sector names
    assert "Taken up" in html


@pytest.mark.parametrize("sort", ["newest", "supported"])
def test_queries_do_not_grow_with_the_ideas(client, ideas_page, sort):
    def queries_for(count):
        for n in range(count):
            add_supports(make_idea(ideas_page, f"Idee {count}-{n}"), n % 3)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(ideas_page.url, {"sort": sort}).status_code == 200
        with CaptureQueriesContext(connection) as exported:
            assert client.get("/de/radar/ideas.json").status_code == 200
        return len(captured), len(exported)

    assert queries_for(3) == queries_for(17)


def test_a_radar_without_an_ideas_page_has_no_ideas_files(client, radar, ideas_page):
    assert client.get("/de/radar/ideas.json").status_code == 200
    ideas_page.unpublish()
    assert client.get("/de/radar/ideas.json").status_code == 404
    assert client.get("/de/radar/ideas.csv").status_code == 404
    assert client.get("/de/radar/export.json").status_code == 200


def test_the_radar_links_its_ideas_page_in_each_language(client, radar, ideas_page):
    english_radar = builders.translate(radar, builders.locales()[1])
    english_page = builders.translate(ideas_page, builders.locales()[1])
    german = client.get(radar.url).content.decode()
    assert f'<a href="{ideas_page.url}">Bürgerideen: eine Maßnahme vorschlagen' in german
    english = client.get(english_radar.url).content.decode()
    assert f'<a href="{english_page.url}">Citizen ideas: propose a measure' in english
    # Unpublished, the ideas page is not linked any more.
    ideas_page.unpublish()
    assert "Bürgerideen: eine Maßnahme" not in client.get(radar.url).content.decode()
