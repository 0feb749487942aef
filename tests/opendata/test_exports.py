"""export.json, export.csv and feed.atom over real HTTP: they parse, filter and speak the page's language."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.models import (
    MeasureCouncilDecision,
    MeasureHistoryEntry,
    MeasureIndicator,
    MeasureMilestone,
    MeasurePage,
    MeasureRelation,
    MeasureTopic,
    RadarSector,
)
from digiradar_wagtail.opendata.columns import EXPORT_COLUMNS, IMPORT_COLUMNS
from digiradar_wagtail.opendata.views import export_urls
from tests import builders

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def rich(catalogue, radar):
    """The catalogue plus milestones, indicators, a decision, a relation and a change of ring."""
    parking, solar = catalogue["parking"], catalogue["solar"]
    MeasureMilestone.objects.create(
        page=parking, title="Pilot", due_date=datetime.date(2024, 6, 30), done=True, locale=parking.locale
    )
    MeasureIndicator.objects.create(
        page=parking,
        name="Anträge online",
        unit="%",
        baseline=0,
        target=80,
        current="12.5",
        locale=parking.locale,
    )
    MeasureCouncilDecision.objects.create(
        page=parking, reference="20-26 / V 01234", url="https://example.org/b", locale=parking.locale
    )
    MeasureRelation.objects.create(page=parking, target=solar, relation_type="depends_on")
    parking = MeasurePage.objects.get(pk=parking.pk)
    parking.ring = radar.rings.get(slug="ring-2")
    parking.progress_percent = 35
    parking.save_revision().publish()
    catalogue["parking"] = parking
    return catalogue


def get_json(client, radar, query=""):
    response = client.get(radar.url + "export.json" + query)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def get_csv(client, radar, query=""):
    response = client.get(radar.url + "export.csv" + query)
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if "sep=semicolon" in query else ","))


def get_atom(client, radar, query=""):
    response = client.get(radar.url + "feed.atom" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_json_carries_every_public_field(client, rich, radar):
    document = get_json(client, radar)
    assert document["schema_version"] == 1
    assert document["radar"]["language"] == "de"
    assert [s["slug"] for s in document["radar"]["sectors"]] == ["sektor-1", "sektor-2", "sektor-3"]
    measures = {m["external_id"]: m for m in document["measures"]}
    assert set(measures) == {"M-001", "M-002", "M-003"}
    parking = measures["M-001"]
    assert parking["title"] == "Digitaler Parkausweis"
    assert parking["url"].startswith("http://testserver/de/radar/")  # the host that served the request
    assert parking["sector"] == {"slug": "sektor-1", "name": "Sektor 1"}
    assert parking["ring"] == {"slug": "ring-2", "name": "Ring 2"}
    assert parking["progress"] == {"percent": 35, "as_of": "2024-03-01", "method": ""}
    assert parking["start_date"] == "2024-01-15"
    assert parking["budget_planned"] == "125000.50"
    assert parking["lead_department"] == {"slug": "rit", "name": "IT-Referat", "abbreviation": ""}
    assert parking["topics"] == [{"slug": "mobilitaet", "name": "Mobilität"}]
    assert parking["principles"] == [{"slug": "datenschutz", "name": "Datenschutz", "text": "Datensparsam"}]
    assert parking["milestones"] == [{"title": "Pilot", "due_date": "2024-06-30", "done": True}]
    assert parking["indicators"][0]["current"] == "12.50"
    assert parking["council_decisions"][0]["reference"] == "20-26 / V 01234"
    assert parking["relations"] == [
        {
            "type": "depends_on",
            "external_id": "M-002",
            "title": "Solarkataster",
            "url": measures["M-002"]["url"],
        }
    ]
    assert [(h["ring"], h["previous_ring"], h["progress_percent"]) for h in parking["history"]] == [
        ("ring-2", "ring-1", 35),
        ("ring-1", None, 10),
    ]
    assert measures["M-002"]["co_departments"][0]["slug"] == "rit"
    assert "ratings" in parking
    assert "Entwurf" not in json.dumps(document)


def test_json_offers_the_tech_radar_entry_format(client, rich, radar):
    tech = get_json(client, radar)["tech_radar"]
    assert [q["name"] for q in tech["quadrants"]] == ["Sektor 1", "Sektor 2", "Sektor 3"]
    assert [r["name"] for r in tech["rings"]] == ["Ring 4", "Ring 3", "Ring 2", "Ring 1"]  # innermost first
    entries = {e["label"]: e for e in tech["entries"]}
    assert entries["Digitaler Parkausweis"] == {
        "quadrant": 0,
        "ring": 2,
        "label": "Digitaler Parkausweis",
        "link": entries["Digitaler Parkausweis"]["link"],
        "moved": 2,  # first published within the marker period: new (as on the radar), though it moved too
        "active": True,
    }
    assert entries["Barrierefreie Formulare"]["moved"] == 2  # new, as the radar marks it
    assert entries["Barrierefreie Formulare"]["quadrant"] == 2


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?topic=energie", {"M-002", "M-003"}),
        ("?department=rit&topic=energie", {"M-002"}),
        ("?sector=sektor-3", {"M-003"}),
        ("?q=Photovoltaik", {"M-002"}),
        ("?sector=unbekannt", set()),
    ],
)
def test_every_export_honours_the_filters(client, rich, radar, query, expected):
    document = get_json(client, radar, query)
    assert {m["external_id"] for m in document["measures"]} == expected
    assert {e["label"] for e in document["tech_radar"]["entries"]} == {
        m["title"] for m in document["measures"]
    }
    assert {row["external_id"] for row in get_csv(client, radar, query)} == expected
    feed = get_atom(client, radar, query)
    titles = {m["title"] for m in document["measures"]}
    entry_titles = [e.find(ATOM + "title").text for e in feed.findall(ATOM + "entry")]
    assert all(any(entry.startswith(title) for title in titles) for entry in entry_titles)
    assert bool(entry_titles) == bool(expected)


def test_csv_has_the_documented_columns_and_joins_lists(client, rich, radar):
    rows = get_csv(client, radar)
    assert list(rows[0].keys()) == EXPORT_COLUMNS
    assert set(IMPORT_COLUMNS) <= set(EXPORT_COLUMNS)
    by_id = {row["external_id"]: row for row in rows}
    assert by_id["M-003"]["topics"] == "mobilitaet;energie"
    assert by_id["M-002"]["co_departments"] == "rit"
    assert by_id["M-001"]["ring"] == "ring-2"
    assert by_id["M-001"]["progress_percent"] == "35"
    assert by_id["M-001"]["sector_name"] == "Sektor 1"
    assert by_id["M-002"]["teaser"] == "Welche Dächer eignen sich für Photovoltaik?"


def test_csv_for_german_excel_uses_semicolons(client, rich, radar):
    response = client.get(radar.url + "export.csv?sep=semicolon&topic=energie")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("external_id;title;")
    rows = get_csv(client, radar, "?sep=semicolon&topic=energie")
    assert {row["topics"] for row in rows} == {"energie", "mobilitaet;energie"}


def test_csv_defuses_spreadsheet_formulas(client, radar):
    builders.make_measure(radar, '=HYPERLINK("http://evil")', sector=0, ring=0, external_id="X-1")
    rows = get_csv(client, radar)
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'


def test_atom_lists_changes_newest_first(client, rich, radar):
    feed = get_atom(client, radar)
    assert feed.attrib["{http://www.w3.org/XML/1998/namespace}lang"] == "de"
    entries = feed.findall(ATOM + "entry")
    updated = [e.find(ATOM + "updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert len(entries) == 4  # three first publications and one move
    newest = entries[0]
    assert "Digitaler Parkausweis" in newest.find(ATOM + "title").text
    assert "Ring 1" in newest.find(ATOM + "title").text and "Ring 2" in newest.find(ATOM + "title").text
    assert newest.find(ATOM + "link").attrib["href"].startswith("http://testserver/de/radar/")
    assert len({e.find(ATOM + "id").text for e in entries}) == 4


def _english(rich, english):
    pages = {key: builders.translate(page, english) for key, page in rich.items() if key != "draft"}
    english_radar = pages["parking"].get_parent().specific
    RadarSector.objects.filter(page=english_radar, slug="sektor-1").update(name="Sector one")
    english_radar.rings.filter(slug="ring-1").update(name="Idea")
    english_radar.rings.filter(slug="ring-2").update(name="Planning")
    MeasurePage.objects.filter(pk=pages["parking"].pk).update(title="Digital parking permit")
    return english_radar


def test_the_english_page_exports_english_names(client, rich, radar, english):
    english_radar = _english(rich, english)
    document = get_json(client, english_radar, "?department=rit")
    assert document["radar"]["language"] == "en"
    by_id = {m["external_id"]: m for m in document["measures"]}
    assert set(by_id) == {"M-001", "M-002"}
    parking = by_id["M-001"]
    assert parking["title"] == "Digital parking permit"
    assert parking["url"].startswith("http://testserver/en/")
    assert parking["sector"] == {"slug": "sektor-1", "name": "Sector one"}
    assert parking["lead_department"]["name"] == "IT department"
    assert parking["topics"] == [{"slug": "mobilitaet", "name": "Mobility"}]
    assert parking["principles"][0]["name"] == "Data protection"
    assert parking["relations"][0]["url"].startswith("http://testserver/en/")
    assert parking["history"][0]["ring"] == "ring-2"  # one history for both languages

    rows = {row["external_id"]: row for row in get_csv(client, english_radar)}
    assert rows["M-001"]["title"] == "Digital parking permit"
    assert rows["M-001"]["lead_department_name"] == "IT department"
    assert rows["M-001"]["sector"] == "sektor-1"

    feed = get_atom(client, english_radar)
    assert feed.attrib["{http://www.w3.org/XML/1998/namespace}lang"] == "en"
    newest = feed.findall(ATOM + "entry")[0].find(ATOM + "title").text
    assert newest == "Digital parking permit moved from Idea to Planning"


@pytest.mark.parametrize("query", ["?sector=" + "x" * 3000, "?q=%00%22*", "?topic=%3Cscript%3E&sep=%00"])
def test_garbage_filters_give_empty_exports_not_errors(client, rich, radar, query):
    assert get_json(client, radar, query)["measures"] == []
    assert get_csv(client, radar, query) == []
    assert get_atom(client, radar, query).findall(ATOM + "entry") == []


def test_export_links_carry_the_filter(rich, radar):
    urls = export_urls(radar, "topic=energie&q=Solar")
    assert urls["json"] == "http://localhost/de/radar/export.json?topic=energie&q=Solar"
    assert urls["csv"] == "http://localhost/de/radar/export.csv?topic=energie&q=Solar"
    assert urls["atom"] == "http://localhost/de/radar/feed.atom?topic=energie&q=Solar"


def _populate(radar, terms, count):
    """``count`` live measures with a topic, a milestone and two history entries each, built quickly."""
    rings = list(radar.rings.all())
    history = []
    for index in range(count):
        page = builders.make_measure(
            radar,
            f"Maßnahme {index:03d}",
            sector=index % 3,
            ring=index % 4,
            publish=False,
            external_id=f"{radar.slug}-{index}",
            lead_department=terms["rit"],
        )
        MeasureTopic.objects.create(page=page, topic=terms["energie"])
        MeasureMilestone.objects.create(page=page, title="Start", locale=page.locale)
        history += [
            MeasureHistoryEntry(
                measure_key=page.translation_key,
                ring_key=rings[0].translation_key,
                recorded_at=builders.days_ago(30),
            ),
            MeasureHistoryEntry(
                measure_key=page.translation_key,
                ring_key=rings[index % 4].translation_key,
                previous_ring_key=rings[0].translation_key,
                recorded_at=builders.days_ago(3),
            ),
        ]
    MeasureHistoryEntry.objects.bulk_create(history)
    MeasurePage.objects.child_of(radar).update(live=True)


def test_export_query_count_does_not_grow_with_the_number_of_measures(client, home, terms):
    small = builders.make_radar(home, slug="klein")
    large = builders.make_radar(home, slug="gross")
    _populate(small, terms, 10)
    _populate(large, terms, 200)
    for export in ("export.json", "export.csv", "feed.atom"):
        counts = []
        for radar, expected in ((small, 10), (large, 200)):
            client.get(radar.url + export)  # warm Wagtail's site-root cache, as a running site has
            with CaptureQueriesContext(connection) as context:
                response = client.get(radar.url + export + "?topic=energie")
            assert response.status_code == 200
            if export == "export.json":
                assert len(json.loads(response.content)["measures"]) == expected
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1], (export, counts)
        assert counts[1] <= 30, (export, counts)
        print(export, counts)


def test_links_use_the_host_that_served_the_request(client, rich, radar):
    """A development server or a proxy's public name, not the Site record's hostname (localhost)."""
    host = {"SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000"}
    document = json.loads(client.get(radar.url + "export.json", **host).content)
    assert all(item["url"].startswith("http://127.0.0.1:8000/de/radar/") for item in document["measures"])
    assert document["links"]["csv"].startswith("http://127.0.0.1:8000/de/radar/export.csv")
    feed = ET.fromstring(client.get(radar.url + "feed.atom", **host).content)
    assert feed.find(ATOM + "link").attrib["href"] == "http://127.0.0.1:8000/de/radar/"
    html = client.get(radar.url, **host).content.decode()
    assert 'href="http://127.0.0.1:8000/de/radar/export.json"' in html
