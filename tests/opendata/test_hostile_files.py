"""
Hostile files through the admin's import and ``digiradar_import``: zip bombs, endless empty
rows, oversized files. Each is refused with a readable message, quickly and in little memory.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from digiradar_wagtail.models import MeasurePage
from digiradar_wagtail.opendata import import_views

from . import hostile
from .test_admin_import import CSV, URL, logged_in, make_user, upload

# What a refused file may cost at most (traced Python memory; wall time on a shared machine).
MAX_SECONDS = 5
MAX_PEAK = 50 * 1024 * 1024
TOO_MANY_ROWS = "The file has more than 5000 rows; split it."

BOMBS = {
    # Excel writes a row element for every formatted row: 200,000 of them in a 0.5 MB file.
    "200,000 empty rows": (
        lambda: hostile.workbook_with_sheet(hostile.numbered_empty_rows(2, 200_000)),
        TOO_MANY_ROWS,
    ),
    # A 5 KB file with one cell on row 10,000,000: the reader fills in the rows in between.
    "one cell on row 10,000,000": (
        lambda: hostile.workbook_with_sheet(hostile.far_row(10_000_000)),
        TOO_MANY_ROWS,
    ),
    # The reported case: 10 million empty rows, 57 MB unpacked, 0.1 MB packed.
    "10 million empty rows": (
        lambda: hostile.workbook_with_sheet(hostile.empty_rows(10_000_000)),
        "The workbook unpacks to 57.2 MB; at most 50.0 MB can be read.",
    ),
    # Under the unpacked limit, but packed 600 : 1.
    "8 million empty rows in 46 MB": (
        lambda: hostile.workbook_with_sheet(hostile.empty_rows(8_000_000)),
        "times tighter than a spreadsheet needs to be (at most 100)",
    ),
    # openpyxl builds an object for every cell format while it opens the workbook.
    "100,000 cell formats": (
        lambda: hostile.workbook_with_styles(100_000),
        "The workbook holds far more than a list of measures needs (xl/styles.xml).",
    ),
}


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin(django_user_model):
    return make_user(django_user_model, "admin", superuser=True)


def run_command(radar, path, **options):
    out = io.StringIO()
    # A request before may have left German active; the messages are read in English.
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("digiradar_import", str(radar.pk), str(path), stdout=out, **options)
    return out.getvalue() + str(error.value)


@pytest.mark.parametrize("bomb", BOMBS)
def test_a_zip_bomb_is_refused_by_the_admin_quickly_in_little_memory(admin, radar, bomb):
    build, message = BOMBS[bomb]
    data = build()
    assert len(data) < 600_000  # each fits easily under the 5 MB upload limit
    client = logged_in(admin)
    pages = MeasurePage.objects.count()
    with hostile.measured() as cost:
        response = upload(client, radar, data, name="measures.xlsx")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'name="token"' not in response.content.decode()
    assert cost["seconds"] < MAX_SECONDS, cost
    assert cost["peak"] < MAX_PEAK, cost
    assert MeasurePage.objects.count() == pages


@pytest.mark.parametrize("bomb", BOMBS)
def test_a_zip_bomb_is_refused_by_the_command_quickly_in_little_memory(radar, tmp_path, bomb):
    build, message = BOMBS[bomb]
    path = tmp_path / "measures.xlsx"
    path.write_bytes(build())
    with hostile.measured() as cost:
        output = run_command(radar, path)
    assert message in output
    assert cost["seconds"] < MAX_SECONDS, cost
    assert cost["peak"] < MAX_PEAK, cost


def test_a_csv_of_a_million_empty_lines_is_refused_at_the_limit(admin, radar, tmp_path):
    data = b"title,sector,ring\n" + b"\n" * 1_000_000
    with hostile.measured() as cost:
        response = upload(logged_in(admin), radar, data)
    assert response.status_code == 400 and TOO_MANY_ROWS in response.content.decode()
    assert cost["seconds"] < MAX_SECONDS and cost["peak"] < MAX_PEAK, cost

    path = tmp_path / "measures.csv"
    path.write_bytes(data)
    with hostile.measured() as cost:
        assert TOO_MANY_ROWS in run_command(radar, path)
    assert cost["seconds"] < MAX_SECONDS and cost["peak"] < MAX_PEAK, cost


@override_settings(DIGIRADAR_IMPORT_MAX_ROWS=3)
def test_empty_rows_count_against_the_row_limit(radar, terms, tmp_path):
    path = tmp_path / "measures.csv"
    path.write_text("title,sector,ring,teaser\nEins,sektor-1,ring-1,T\n\n\nZwei,sektor-1,ring-1,T\n")
    assert "The file has more than 3 rows" in run_command(radar, path)
    path.write_text("title,sector,ring,teaser\nEins,sektor-1,ring-1,T\n\nZwei,sektor-1,ring-1,T\n")
    out = io.StringIO()
    call_command("digiradar_import", str(radar.pk), str(path), stdout=out)
    assert "2 created" in out.getvalue()


def test_the_command_refuses_a_large_file_without_reading_it(radar, tmp_path):
    path = tmp_path / "measures.csv"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # 50 MB on paper, sparse on disk
    with hostile.measured() as cost:
        output = run_command(radar, path)
    assert "The file is 50.0 MB; files up to 5.0 MB can be imported." in output
    assert cost["peak"] < 1024 * 1024, cost  # not read

    path.write_text(CSV)
    assert "files up to 0.0 MB" in run_command(radar, path, max_bytes=100)
    with override_settings(DIGIRADAR_IMPORT_MAX_BYTES=100):
        assert "files up to 0.0 MB" in run_command(radar, path)
    assert "--max-bytes must be a positive number" in run_command(radar, path, max_bytes=0)


def test_a_broken_or_lying_archive_is_unreadable_not_an_error_page(admin, radar):
    data = bytearray(hostile.workbook_with_sheet(hostile.empty_rows(10)))
    index = data.index(b"xl/worksheets/sheet1.xml", data.index(b"PK\x01\x02"))  # central directory
    data[index - 46 + 24 : index - 46 + 28] = (10).to_bytes(4, "little")  # claims 10 bytes unpacked
    response = upload(logged_in(admin), radar, bytes(data), name="measures.xlsx")
    assert response.status_code == 400
    assert "The Excel workbook could not be read." in response.content.decode()


def test_the_confirmation_does_not_parse_the_file_again(
    admin, catalogue, radar, monkeypatch, preview_directory
):
    calls = []
    read_table = import_views.read_table

    def counting(*args, **kwargs):
        calls.append(args[0])
        return read_table(*args, **kwargs)

    monkeypatch.setattr(import_views, "read_table", counting)
    client = logged_in(admin)
    token = upload(client, radar).context["token"]
    (path,) = preview_directory.iterdir()
    pending = json.loads(path.read_text())
    assert "data" not in pending and pending["rows"]  # the rows wait, not the file
    response = client.post(URL, {"token": token})
    assert response.status_code == 302
    assert calls == ["measures.csv"]
    assert MeasurePage.objects.filter(external_id="A-1").exists()
