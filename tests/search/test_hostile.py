"""
Hostile searches answer 200 or a clear 400, never 500: on the radar page, its exports and the API,
on SQLite and on PostgreSQL (where tsquery syntax could break the query).
"""

import pytest

from tests import builders

pytestmark = pytest.mark.django_db

HOSTILE = [
    "x" * 5000,
    "Schule\x00n",
    "\x00",
    "!?.,;:-",
    "&|!():*",
    "Schule & !Netz | (Ampel:*)",
    "'",
    "''''",
    "\\",
    "a\\'b",
    "<->",
    "Schule <-> Netz",
    "Schule:A",
    "-Schule",
    "---",
    '"Schulen ans',
    "Wort " * 300,
    "🚀 ∑ ß",
]


@pytest.fixture
def searchable(radar):
    builders.make_measure(radar, "Schulen ans Netz", teaser="Glasfaser für jedes Klassenzimmer.")
    builders.make_measure(radar, "Ampeln", sector=1, teaser="Verkehr nach Bedarf.")
    return radar


@pytest.mark.parametrize("q", HOSTILE)
def test_the_radar_page_and_its_exports_answer_200(client, searchable, q):
    for suffix in ("", "export.json", "export.csv", "feed.atom"):
        response = client.get(searchable.url + suffix, {"q": q})
        assert response.status_code == 200, (suffix, response.content[:300])


@pytest.mark.parametrize("q", HOSTILE)
@pytest.mark.parametrize("locale", [None, "de", "en"])
def test_the_api_answers_200_or_a_clear_400(client, searchable, q, locale):
    params = {"type": "digiradar_wagtail.MeasurePage", "search": q, **({"locale": locale} if locale else {})}
    response = client.get("/api/v2/pages/", params)
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        assert response.json()["message"]


def test_a_wrong_search_operator_is_a_400_in_the_clients_language(client, searchable):
    params = {"type": "digiradar_wagtail.MeasurePage", "search": "Schule", "search_operator": "xor"}
    response = client.get("/api/v2/pages/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["message"] == "search_operator must be 'and' or 'or'."
    response = client.get("/api/v2/pages/", params, HTTP_ACCEPT_LANGUAGE="de")
    assert response.json()["message"] == "search_operator muss 'and' oder 'or' sein."
    params["search_operator"] = "or"
    assert client.get("/api/v2/pages/", params).status_code == 200


def test_the_radar_still_finds_an_exact_word(client, searchable):
    response = client.get(searchable.url, {"q": "Glasfaser"})
    assert "Schulen ans Netz" in response.content.decode()
    assert "Ampeln" not in response.content.decode().split('id="measure-list"', 1)[1]
