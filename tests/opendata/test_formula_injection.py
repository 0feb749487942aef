"""
Spreadsheet formula injection: every cell of export.csv that a spreadsheet would run as a
formula is written with a leading apostrophe, in every column; the import takes it off again,
so hostile text may sit in the database but never leaves it as a formula.
"""

import csv
import io

import pytest
from django.utils import translation

from digiradar_wagtail.models import (
    Department,
    MeasureCoDepartment,
    MeasurePage,
    MeasurePrinciple,
    MeasureTopic,
    Principle,
    Topic,
)
from digiradar_wagtail.opendata.columns import EXPORT_COLUMNS, FORMULA_STARTS, PLAIN_NUMBER, defuse
from tests import builders

from .conftest import make_term
from .test_admin_import import URL, logged_in, make_user, upload
from .test_import import run

CMD = "=cmd|' /C calc'!A0"


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def csv_rows(client, radar, query=""):
    response = client.get(radar.url + "export.csv" + query)
    assert response.status_code == 200
    delimiter = ";" if "semicolon" in query else ","
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


def assert_no_formula(rows):
    for row in rows:
        for column, cell in zip(EXPORT_COLUMNS, row, strict=True):
            assert not cell.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(cell), (column, cell)


@pytest.fixture
def hostile_measure(radar):
    """A measure with text that starts a formula in every column that can hold text."""
    sector, ring = radar.sectors.first(), radar.rings.first()
    sector.slug, sector.name = "-sektor", "=Sektor"
    sector.save()
    ring.slug, ring.name = "-ring", "@Ring"
    ring.save()
    lead = make_term(Department, "-lead", '=HYPERLINK("http://evil")')
    co = make_term(Department, "+co", "Ko")
    topic = make_term(Topic, "-thema", "=Thema")
    principle = make_term(Principle, "@prinzip", "+Prinzip")
    measure = builders.make_measure(
        radar,
        CMD,
        slug="-gefahr",
        external_id="@X-1",
        teaser="+SUM(A1:A9)",
        plain_language_summary="\tLeicht",
        delivery_status="delayed",
        status_reason="-Grund",
        progress_method="\r=Methode",
        contact_email="=kontakt@example.org",
        funding_source="@Topf",
        lead_department=lead,
        progress_percent=0,
        budget_planned="0.00",
    )
    MeasureCoDepartment.objects.create(page=measure, department=co)
    MeasureTopic.objects.create(page=measure, topic=topic)
    MeasurePrinciple.objects.create(page=measure, principle=principle, locale=measure.locale)
    return measure


@pytest.mark.parametrize("query", ["", "?sep=semicolon"])
def test_every_column_of_export_csv_is_defused(client, hostile_measure, radar, query):
    header, *rows = csv_rows(client, radar, query)
    assert header == EXPORT_COLUMNS
    assert len(rows) == 1
    assert_no_formula(rows)
    cells = dict(zip(EXPORT_COLUMNS, rows[0], strict=True))
    assert cells["title"] == "'" + CMD
    assert cells["slug"] == "'-gefahr"
    assert cells["external_id"] == "'@X-1"
    assert cells["teaser"] == "'+SUM(A1:A9)"
    assert cells["plain_language_summary"] == "'\tLeicht"
    assert cells["status_reason"] == "'-Grund"
    assert cells["progress_method"] == "'\r=Methode"
    assert cells["contact_email"] == "'=kontakt@example.org"
    assert cells["funding_source"] == "'@Topf"
    assert (cells["sector"], cells["sector_name"]) == ("'-sektor", "'=Sektor")
    assert (cells["ring"], cells["ring_name"]) == ("'-ring", "'@Ring")
    assert cells["lead_department"] == "'-lead"
    assert cells["lead_department_name"] == '\'=HYPERLINK("http://evil")'
    assert cells["co_departments"] == "'+co"
    assert cells["topics"] == "'-thema"
    assert cells["principles"] == "'@prinzip"
    assert (cells["progress_percent"], cells["budget_planned"]) == ("0", "0.00")  # numbers stay numbers


def test_the_hostile_export_comes_back_in_unchanged(client, hostile_measure, radar, tmp_path):
    data = client.get(radar.url + "export.csv").content
    output = run(radar, tmp_path, data)
    assert "0 created, 0 updated, 1 unchanged" in output  # every apostrophe was taken off again
    page = MeasurePage.objects.get(pk=hostile_measure.pk)
    assert (page.title, page.slug, page.external_id) == (CMD, "-gefahr", "@X-1")


def test_a_defused_title_imported_through_the_admin_is_exported_defused_again(
    client, django_user_model, radar, tmp_path
):
    editor = logged_in(make_user(django_user_model, "admin", superuser=True))
    content = f"external_id,title,sector,ring,teaser\nF-1,'{CMD},sektor-1,ring-1,'=1+1\n"
    response = upload(editor, radar, content)
    assert response.status_code == 200, response.content.decode()[-2000:]
    assert editor.post(URL, {"token": response.context["token"]}).status_code == 302
    page = MeasurePage.objects.get(external_id="F-1")
    assert (page.title, page.teaser) == (CMD, "=1+1")  # raw in the database ...
    page.save_revision().publish()

    header, *rows = csv_rows(client, radar)
    cells = dict(zip(header, rows[0], strict=True))
    assert (cells["title"], cells["teaser"]) == ("'" + CMD, "'=1+1")  # ... never raw in a file
    assert_no_formula(rows)
    # and the export goes back in as it came out
    assert "1 unchanged" in run(radar, tmp_path, client.get(radar.url + "export.csv").content)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=1+1", "'=1+1"),
        ("+49 89 123", "'+49 89 123"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5+cmd|' /C calc'!A0", "'-5+cmd|' /C calc'!A0"),
        ("-1e3", "'-1e3"),
        # a plain number, negative too, is data and stays a number
        ("-12.50", "-12.50"),
        ("40", "40"),
        ("Parken", "Parken"),
        ("", ""),
    ],
)
def test_defuse(text, expected):
    assert defuse(text) == expected
