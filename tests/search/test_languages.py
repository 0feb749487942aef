"""
Search in the radar's language on PostgreSQL (``digiradar_wagtail.search``): German pages are stemmed
with PostgreSQL's ``german`` configuration, English ones with ``english``; the best match comes
first. Through the radar's list, ``export.json`` and the API, over real HTTP (Django's test client).

PostgreSQL only: SQLite's FTS5 has no stemming, so none of this can hold there (that SQLite keeps
working is in test_hostile.py and the filter tests).
"""

import json
import os
import re

import pytest
from django.core.management import call_command
from django.http import QueryDict
from wagtail.search.models import IndexEntry

from digiradar_wagtail.models import MeasurePage
from digiradar_wagtail.public.filters import filter_measures
from digiradar_wagtail.search import search_backend
from tests import builders

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="stemming per language is PostgreSQL full-text search (SQLite's FTS5 does not stem)",
    ),
    pytest.mark.django_db,
]

API = "/api/v2/pages/"
MEASURES = {"type": "digiradar_wagtail.MeasurePage"}


def with_measures(radar, rows):
    for title, teaser, sector, ring in rows:
        builders.make_measure(radar, title, sector=sector, ring=ring, teaser=teaser)
    return radar


@pytest.fixture
def german_radar(radar):
    return with_measures(
        radar,
        [
            ("Ausstattung", "Neue Geräte für die Schulen der Stadt.", 0, 0),  # the word only in the body
            ("Schulen ans Netz", "Glasfaser für jedes Klassenzimmer.", 0, 0),  # ... and in the title
            ("Verkehrssteuerung", "Ampeln schalten nach Bedarf.", 1, 0),
            ("Lenkung des Verkehrs", "Daten aus Zählstellen.", 1, 1),
            ("Anträge online", "Bürgerinnen stellen sie digital.", 2, 0),
            ("Parking für Fahrräder", "Abstellplätze am Bahnhof.", 2, 1),
        ],
    )


@pytest.fixture
def english_radar(home, english):
    return with_measures(
        builders.make_radar(home.get_translation(english), title="Digitalisation radar"),
        [
            ("Equipment", "New devices for the city's schools.", 0, 0),
            ("Schools online", "Fibre for every classroom.", 0, 0),
            ("Parking permits", "Apply from home.", 1, 0),
            ("Anträge online", "The German word for applications.", 2, 0),
        ],
    )


def titles(radar, q):
    return [measure.title for measure in filter_measures(radar, QueryDict(f"q={q}")).measures]


def listed_titles(client, radar, q):
    """The titles in the radar page's list, in the order shown."""
    response = client.get(radar.url, {"q": q})
    assert response.status_code == 200
    listing = response.content.decode().split('id="measure-list"', 1)[1]
    # Each item: <li value="<the blip's number>"><a href="...">title</a> ...
    return re.findall(r'<li(?: value="\d+")?>\s*<a href="[^"]*">([^<]+)</a>', listing)


def exported_titles(client, radar, q):
    response = client.get(radar.url + "export.json", {"q": q})
    assert response.status_code == 200
    return [measure["title"] for measure in json.loads(response.content)["measures"]]


def api_titles(client, q, **params):
    response = client.get(API, {**MEASURES, "search": q, "fields": "title", **params})
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["items"]]


def test_german_schule_finds_schulen_title_match_first(client, german_radar):
    expected = ["Schulen ans Netz", "Ausstattung"]  # alphabetically the other way round
    assert titles(german_radar, "Schule") == expected
    assert listed_titles(client, german_radar, "Schule") == expected
    assert exported_titles(client, german_radar, "Schule") == expected
    assert api_titles(client, "Schule", locale="de") == expected


def test_without_a_search_the_list_keeps_the_radar_order(client, german_radar):
    assert listed_titles(client, german_radar, "")[:2] == ["Ausstattung", "Schulen ans Netz"]


def test_german_inflections_are_found(german_radar):
    assert titles(german_radar, "Antrag") == ["Anträge online"]  # plural with umlaut
    assert titles(german_radar, "Verkehr") == ["Lenkung des Verkehrs"]  # genitive
    assert titles(german_radar, "Verkehrssteuerungen") == ["Verkehrssteuerung"]


def test_the_german_stemmer_does_not_split_compounds(german_radar):
    # Snowball stems, it does not decompound: "Verkehr" is not found inside "Verkehrssteuerung".
    assert "Verkehrssteuerung" not in titles(german_radar, "Verkehr")


def test_english_school_finds_schools_title_match_first(client, english_radar):
    expected = ["Schools online", "Equipment"]
    assert titles(english_radar, "school") == expected
    assert listed_titles(client, english_radar, "school") == expected
    assert exported_titles(client, english_radar, "school") == expected
    assert api_titles(client, "school", locale="en") == expected


def test_each_radar_stems_in_its_own_language(german_radar, english_radar):
    # German stemming finds "Anträge" for "Antrag" on the German radar, not on the English one.
    assert titles(german_radar, "Antrag") == ["Anträge online"]
    assert titles(english_radar, "Antrag") == []
    # English stemming finds "Parking" for "park" on the English radar, not on the German one.
    assert titles(english_radar, "park") == ["Parking permits"]
    assert titles(german_radar, "park") == []


def test_the_index_holds_each_page_in_its_languages_stems(german_radar, english_radar):
    german = MeasurePage.objects.get(title="Schulen ans Netz")
    english = MeasurePage.objects.get(title="Schools online")
    assert "'schul'" in str(IndexEntry.objects.get(object_id=str(german.pk)).title)
    assert "'school'" in str(IndexEntry.objects.get(object_id=str(english.pk)).title)


def test_update_index_and_a_new_publish_keep_the_languages(german_radar, english_radar):
    call_command("update_index", verbosity=0)
    assert titles(german_radar, "Schule") == ["Schulen ans Netz", "Ausstattung"]
    assert titles(english_radar, "school") == ["Schools online", "Equipment"]
    page = MeasurePage.objects.get(title="Verkehrssteuerung")
    page.teaser = "Schulwege werden sicherer."
    page.save_revision().publish()
    assert "Verkehrssteuerung" in titles(german_radar, "Schulweg")
    assert "Verkehrssteuerung" in titles(german_radar, "Schulwegen")


def test_a_search_without_language_finds_words_in_every_language(client, german_radar, english_radar):
    # The API without ?locale= (and the admin) search in every configured language.
    assert set(api_titles(client, "Schule")) == {"Schulen ans Netz", "Ausstattung"}
    assert set(api_titles(client, "school")) == {"Schools online", "Equipment"}
    assert set(api_titles(client, "Antrag")) == {"Anträge online"}  # the German page only
    found = search_backend().search("Schule", MeasurePage)  # as the admin searches
    assert {page.title for page in found} == {"Schulen ans Netz", "Ausstattung"}


def test_the_api_keeps_its_order_parameter(client, german_radar):
    assert api_titles(client, "Schule", locale="de", order="title") == ["Ausstattung", "Schulen ans Netz"]


def test_the_admin_search_finds_pages_in_either_language(admin_client, german_radar, english_radar):
    response = admin_client.get("/admin/pages/search/", {"q": "Schule"})
    assert response.status_code == 200
    assert "Schulen ans Netz" in response.content.decode()
    assert "Schools online" in admin_client.get("/admin/pages/search/", {"q": "school"}).content.decode()
