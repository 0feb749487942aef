"""The spreadsheet import through the management command: round trip, dry run, errors, Excel quirks."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook
from wagtail.models import Revision

from digiradar_wagtail.models import MeasureHistoryEntry, MeasurePage
from digiradar_wagtail.opendata.columns import IMPORT_COLUMNS
from tests import builders


@pytest.fixture(autouse=True)
def in_english():
    # The messages are checked in English, whatever translations the package ships.
    with translation.override("en"):
        yield


HEADER = "external_id,title,sector,ring,progress_percent,start_date,topics,lead_department,teaser\n"


def table(*lines):
    """A CSV in ``HEADER``'s columns; every line gets a teaser, which the model requires."""
    return HEADER + "".join(f"{line},Kurztext\n" for line in lines)


def export_rows(client, radar):
    response = client.get(radar.url + "export.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    return sorted(
        ({name: row[name] for name in IMPORT_COLUMNS} for row in rows), key=lambda r: r["external_id"]
    )


def run(radar, tmp_path, content, name="measures.csv", **options):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = io.StringIO()
    try:
        # The messages are read in English; a request before may have left German active.
        with translation.override("en"):
            call_command("digiradar_import", str(radar.pk), str(path), stdout=out, **options)
    except CommandError as error:
        raise AssertionError(out.getvalue()) from error
    return out.getvalue()


def run_failing(radar, tmp_path, content, name="measures.csv", **options):
    out = io.StringIO()
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("digiradar_import", str(radar.pk), str(path), stdout=out, **options)
    return out.getvalue() + str(error.value)


def snapshot():
    return (
        MeasurePage.objects.count(),
        Revision.objects.count(),
        MeasureHistoryEntry.objects.count(),
        sorted(
            MeasurePage.objects.values_list("title", "progress_percent", "live", "has_unpublished_changes")
        ),
    )


def test_round_trip_into_the_same_radar_changes_nothing(client, catalogue, radar, tmp_path):
    before_rows, before = export_rows(client, radar), snapshot()
    data = client.get(radar.url + "export.csv").content
    output = run(radar, tmp_path, data, publish=True)
    assert "0 created, 0 updated, 3 unchanged" in output
    assert snapshot() == before
    assert export_rows(client, radar) == before_rows


def test_round_trip_into_a_fresh_radar_gives_identical_data(client, catalogue, radar, home, tmp_path):
    data = client.get(radar.url + "export.csv").content
    original = export_rows(client, radar)
    for page in MeasurePage.objects.child_of(radar):
        page.delete()  # external ids are unique per language, so the originals make room
    fresh = builders.make_radar(home, title="Neues Radar", slug="neu")
    output = run(fresh, tmp_path, data, publish=True)
    assert "3 created" in output
    assert export_rows(client, fresh) == original
    assert original[0]["topics"] == "mobilitaet" and original[1]["co_departments"] == "rit"


def test_edited_export_updates_by_external_id_as_a_draft(client, catalogue, radar, tmp_path):
    text = client.get(radar.url + "export.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["external_id"] == "M-001":
            row.update(progress_percent="60", ring="ring-3", topics="energie;mobilitaet")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    revisions = Revision.objects.count()

    output = run(radar, tmp_path, buffer.getvalue())  # no --publish: a draft
    assert "update M-001" in output and "progress_percent" in output and "topics" in output
    assert Revision.objects.count() == revisions + 1
    live = MeasurePage.objects.get(external_id="M-001")
    assert live.progress_percent == 10 and live.has_unpublished_changes
    draft = live.get_latest_revision_as_object()
    assert draft.progress_percent == 60 and draft.ring.slug == "ring-3"
    assert [row.topic.slug for row in draft.topics.all()] == ["energie", "mobilitaet"]

    output = run(radar, tmp_path, buffer.getvalue(), publish=True)
    live = MeasurePage.objects.get(external_id="M-001")
    assert live.progress_percent == 60 and not live.has_unpublished_changes
    assert [row.topic.slug for row in live.topics.all()] == ["energie", "mobilitaet"]
    assert MeasureHistoryEntry.objects.filter(measure_key=live.translation_key).first().progress_percent == 60


def test_new_rows_become_drafts_or_published_pages(radar, terms, tmp_path):
    run(radar, tmp_path, table("N-1,Neue Maßnahme,sektor-2,ring-1,5,2024-02-01,energie,rit"))
    page = MeasurePage.objects.get(external_id="N-1")
    assert not page.live and page.title == "Neue Maßnahme" and page.get_parent().pk == radar.pk
    assert page.slug == "neue-maßnahme" or page.slug == "neue-massnahme"
    run(radar, tmp_path, table("N-2,Noch eine,sektor-1,ring-2,,,,"), publish=True)
    page = MeasurePage.objects.get(external_id="N-2")
    assert page.live and page.sector.slug == "sektor-1" and page.progress_percent is None


def test_dry_run_writes_nothing(catalogue, radar, tmp_path):
    before = snapshot()
    output = run(
        radar,
        tmp_path,
        table("N-1,Neu,sektor-1,ring-1,5,,,", "M-002,Solar neu,sektor-2,ring-2,,,,"),
        dry_run=True,
        publish=True,
    )
    assert "Dry run: 1 would be created, 1 updated" in output
    assert "Row 2: create N-1 Neu" in output and "Row 3: update M-002 Solar neu (title" in output
    assert snapshot() == before


@pytest.mark.parametrize(
    "row, message",
    [
        ("N-1,Neu,nirgendwo,ring-1,,,,", "Unknown sector “nirgendwo”"),
        ("N-1,Neu,sektor-1,ring-9,,,,", "Unknown ring “ring-9”"),
        ("N-1,Neu,sektor-1,ring-1,101,,,", "progress_percent “101” must be a whole number from 0 to 100"),
        ("N-1,Neu,sektor-1,ring-1,-1,,,", "progress_percent “-1”"),
        ("N-1,Neu,sektor-1,ring-1,viel,,,", "progress_percent “viel”"),
        ("N-1,Neu,sektor-1,ring-1,,31.02.2024,,", "start_date “31.02.2024” is not a date"),
        ("N-1,Neu,sektor-1,ring-1,,gestern,,", "start_date “gestern” is not a date"),
        ("N-1,,sektor-1,ring-1,,,,", "The title is missing"),
        ("N-1,Neu,sektor-1,ring-1,,,raumfahrt,", "Unknown topics “raumfahrt”"),
        ("N-1,Neu,sektor-1,ring-1,,,,xyz", "Unknown lead_department “xyz”"),
        ("M-001,Dopplung,sektor-1,ring-1,,,,\nM-001,Doppelt,sektor-1,ring-1,,,,", "used twice in this file"),
    ],
)
def test_each_bad_row_yields_its_error_and_nothing_is_written(catalogue, radar, tmp_path, row, message):
    before = snapshot()
    good = "N-9,Gute Zeile,sektor-1,ring-1,50,2024-01-01,energie,rit"
    output = run_failing(radar, tmp_path, table(good, *row.split("\n")), publish=True)
    assert message in output
    assert "Row 3:" in output
    assert "Nothing was imported" in output
    assert snapshot() == before


def test_model_validation_errors_are_reported_per_row(catalogue, radar, tmp_path):
    content = (
        "external_id,title,sector,ring,delivery_status,status_reason,start_date,planned_end_date,contact_email,teaser\n"
        "N-1,Verspätet,sektor-1,ring-1,delayed,,,,,T\n"
        "N-2,Rückwärts,sektor-1,ring-1,,,2024-05-01,2024-01-01,,T\n"
        "N-3,Post,sektor-1,ring-1,,,,,keine-adresse,T\n"
        "N-4,Status,sektor-1,ring-1,irgendwie,,,,,T\n"
    )
    output = run_failing(radar, tmp_path, content)
    assert "Row 2: status_reason: Say why the measure is delayed or stopped." in output
    assert "Row 3: planned_end_date: The end cannot be before the start." in output
    assert "Row 4: contact_email:" in output
    assert "Row 5: Unknown delivery_status “irgendwie”" in output
    assert MeasurePage.objects.filter(external_id__startswith="N-").count() == 0


def test_an_external_id_of_another_radar_is_refused(catalogue, radar, home, tmp_path):
    other = builders.make_radar(home, slug="anderes")
    output = run_failing(other, tmp_path, table("M-001,Klau,sektor-1,ring-1,,,,"))
    assert "belongs to a measure of another radar" in output


def test_same_titles_in_one_file_are_caught_before_writing(radar, tmp_path):
    output = run_failing(
        radar, tmp_path, table("A,Gleich,sektor-1,ring-1,,,,", "B,Gleich,sektor-1,ring-1,,,,")
    )
    assert "also taken by row 2" in output
    assert not MeasurePage.objects.filter(title="Gleich").exists()


def test_excel_csv_with_bom_semicolons_and_windows_1252(radar, terms, tmp_path):
    text = (
        "External ID;Title;Sector;Ring;Progress Percent;Start Date;Topics;Budget Planned;Teaser\r\n"
        "W-1;Straßenbeleuchtung für Ämter;sektor-1;ring-2;40 %;31.03.2024;mobilitaet;1.250.000,50;"
        '"Lichter; günstig"\r\n'
    )
    for data in (text.encode("cp1252"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        MeasurePage.objects.filter(external_id="W-1").delete()
        output = run(radar, tmp_path, data, publish=True)
        assert "1 created" in output
        page = MeasurePage.objects.get(external_id="W-1")
        assert page.title == "Straßenbeleuchtung für Ämter"
        assert page.teaser == "Lichter; günstig"
        assert page.progress_percent == 40 and page.start_date == datetime.date(2024, 3, 31)
        assert str(page.budget_planned) == "1250000.50"
        assert [row.topic.slug for row in page.topics.all()] == ["mobilitaet"]


def test_unreadable_files_are_reported(radar, tmp_path):
    assert "neither UTF-8 nor Windows-1252" in run_failing(
        radar, tmp_path, HEADER.encode() + b"X,\x81\x8d,a,b\n"
    )
    assert "Upload a .csv or .xlsx file" in run_failing(radar, tmp_path, b"whatever", name="measures.pdf")
    assert "not an Excel workbook" in run_failing(radar, tmp_path, b"hello", name="measures.xlsx")
    assert "could not be read" in run_failing(radar, tmp_path, b"PK\x03\x04broken", name="measures.xlsx")
    assert "lacks the column(s) ring, sector" in run_failing(radar, tmp_path, "title\nNur Titel\n")
    assert "empty" in run_failing(radar, tmp_path, "")


def test_formula_prefix_from_the_export_is_removed_again(radar, tmp_path):
    run(radar, tmp_path, table("F-1,'=1+1,sektor-1,ring-1,,,,"))
    assert MeasurePage.objects.get(external_id="F-1").title == "=1+1"


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_works_with_native_dates_and_numbers(radar, terms, tmp_path):
    data = xlsx_bytes(
        [
            [
                "external_id",
                "title",
                "sector",
                "ring",
                "progress_percent",
                "start_date",
                "principles",
                "budget_planned",
                "teaser",
            ],
            [
                "X-1",
                "Aus Excel",
                "sektor-3",
                "ring-4",
                75.0,
                datetime.datetime(2024, 7, 1),
                "datenschutz",
                9999.5,
                "T",
            ],
            [None, None, None, None, None, None, None, None, None],
        ]
    )
    output = run(radar, tmp_path, data, name="measures.xlsx", publish=True)
    assert "1 created" in output
    page = MeasurePage.objects.get(external_id="X-1")
    assert (page.progress_percent, page.start_date) == (75, datetime.date(2024, 7, 1))
    assert str(page.budget_planned) == "9999.50"
    assert [row.principle.slug for row in page.principles.all()] == ["datenschutz"]


def test_xlsx_with_a_bad_row_reports_it(radar, tmp_path):
    data = xlsx_bytes(
        [["title", "sector", "ring", "progress_percent"], ["Zu viel", "sektor-1", "ring-1", 250]]
    )
    output = run_failing(radar, tmp_path, data, name="measures.xlsx")
    assert "Row 2: progress_percent “250”" in output


def test_unknown_radar_and_missing_file(radar, tmp_path):
    with pytest.raises(CommandError, match="no radar page"):
        call_command("digiradar_import", "999999", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="no file"):
        call_command("digiradar_import", str(radar.pk), str(tmp_path / "missing.csv"))
