"""
What the import refuses, row by row, through the admin and the command: unusable, reserved and
clashing slugs, dates with trailing text. The dry run and the import share one check, so the
preview never promises what the import then refuses, and a row problem never ends in a traceback.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.users.models import UserProfile

from digiradar_wagtail.models import MeasurePage
from digiradar_wagtail.opendata.importer import CREATE, apply_report, check_table
from digiradar_wagtail.opendata.messages import describe_report
from digiradar_wagtail.opendata.spreadsheet import read_table
from tests import builders

from .test_admin_import import URL, logged_in, make_user, upload
from .test_import import run, run_failing, snapshot

HEADER = "external_id,title,slug,sector,ring,start_date,teaser\n"


def table(*lines):
    return HEADER + "".join(f"{line},Kurztext\n" for line in lines)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin(django_user_model):
    return make_user(django_user_model, "admin", superuser=True)


BAD_ROWS = [
    ("N-1,Neu,-,sektor-1,ring-1,", "The slug “-” is not usable"),
    ("N-1,Neu,--,sektor-1,ring-1,", "The slug “--” is not usable"),
    ("N-1,Neu,_x,sektor-1,ring-1,", "The slug “_x” is not usable"),
    ("N-1,Neu,admin,sektor-1,ring-1,", "The slug “admin” is reserved"),
    ("N-1,Neu,Django-Admin,sektor-1,ring-1,", "The slug “Django-Admin” is reserved"),
    ("N-1,Neu,api,sektor-1,ring-1,", "The slug “api” is reserved"),
    ("N-1,Neu,export.json,sektor-1,ring-1,", "The slug “export.json” is not usable"),
    ("N-1,Admin,,sektor-1,ring-1,", "The slug “admin” is reserved"),  # made from the title
    ("N-1,'=,,sektor-1,ring-1,", "The title “=” gives no slug"),
    ("N-1,Neu,,sektor-1,ring-1,2024-01-01T25:00", "start_date “2024-01-01T25:00” is not a date"),
    ("N-1,Neu,,sektor-1,ring-1,2024-01-01abc", "start_date “2024-01-01abc” is not a date"),
    ("N-1,Neu,,sektor-1,ring-1,2024-01-01 10:00", "start_date “2024-01-01 10:00” is not a date"),
    ("N-1,Neu,,sektor-1,ring-1,1.1.2024x", "start_date “1.1.2024x” is not a date"),
]


@pytest.mark.parametrize("row, message", BAD_ROWS)
def test_the_command_refuses_the_row(catalogue, radar, tmp_path, row, message):
    before = snapshot()
    output = run_failing(
        radar, tmp_path, table("N-9,Gute Zeile,,sektor-1,ring-1,2024-01-01", row), dry_run=True
    )
    assert "Row 3: " in output and message in output
    assert "would be created" not in output and "Nothing was imported" in output
    assert snapshot() == before


@pytest.mark.parametrize("row, message", BAD_ROWS)
def test_the_admin_refuses_the_row(admin, catalogue, radar, row, message):
    before = snapshot()
    response = upload(logged_in(admin), radar, table("N-9,Gute Zeile,,sektor-1,ring-1,2024-01-01", row))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'name="token"' not in html
    assert snapshot() == before


def test_documented_dates_are_read(radar, terms, tmp_path):
    run(radar, tmp_path, table("D-1,Eins,,sektor-1,ring-1,2024-03-31", "D-2,Zwei,,sektor-1,ring-1,1.3.2024"))
    assert [str(page.start_date) for page in MeasurePage.objects.order_by("external_id")] == [
        "2024-03-31",
        "2024-03-01",
    ]


CLASHES = table(
    "N-1,Anderer Titel,digitaler-parkausweis,sektor-1,ring-1,",  # a live measure's slug
    "N-2,Solarkataster,,sektor-1,ring-1,",  # a title that gives a live measure's slug
    "N-3,Eins,gleich,sektor-1,ring-1,",
    "N-4,Zwei,gleich,sektor-1,ring-1,",  # clashes with row 4 of this file
    "M-003,Barrierefreie Formulare,entwurf,sektor-3,ring-3,",  # renames a measure onto a draft's slug
    "N-5,Gut,,sektor-1,ring-1,",
)


def test_the_dry_run_reports_slug_clashes_and_promises_nothing_for_them(admin, catalogue, radar, tmp_path):
    before = snapshot()
    response = upload(logged_in(admin), radar, CLASHES)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The slug “digitaler-parkausweis” is already taken by “Digitaler Parkausweis”" in html
    assert "The slug “solarkataster” is already taken by “Solarkataster”" in html
    assert "The slug “gleich” is also taken by row 4" in html
    assert "The slug “entwurf” is already taken by “Entwurf”" in html
    assert "4 problems were found. Nothing was imported" in html
    # rows 4 (the first "gleich") and 7 are fine; the rows with errors are promised nothing
    assert response.context["summary"] == {"create": 2, "update": 0, "publish": 0, "unchanged": 0}
    assert 'name="token"' not in html

    output = run_failing(radar, tmp_path, CLASHES, dry_run=True)
    for row in (2, 3, 5, 6):
        assert f"Row {row}: The slug" in output
    assert "Row 7: create N-5 Gut" in output
    assert "would be created" not in output
    output = run_failing(radar, tmp_path, CLASHES, publish=True)  # the real run: errors, no traceback
    assert "Row 2: The slug" in output and "Nothing was imported" in output
    assert snapshot() == before


def test_a_clash_that_appears_after_the_preview_is_shown_at_the_confirmation(admin, catalogue, radar):
    client = logged_in(admin)
    response = upload(
        client, radar, table("N-1,Neu,neu-1,sektor-1,ring-1,", "N-2,Auch neu,,sektor-1,ring-1,")
    )
    assert response.status_code == 200 and "2 to create" in response.content.decode()
    builders.make_measure(radar, "Zuvorgekommen", slug="neu-1")  # someone was faster
    before = snapshot()

    response = client.post(URL, {"token": response.context["token"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The slug “neu-1” is already taken by “Zuvorgekommen”" in html
    assert "Nothing was imported" in html
    assert snapshot() == before


def test_the_import_writes_nothing_and_raises_nothing_when_a_row_fails_while_writing(catalogue, radar):
    data = table("N-1,Eins,eins,sektor-1,ring-1,", "N-2,Zwei,zwei,sektor-1,ring-1,").encode()
    report = check_table(radar, read_table("measures.csv", data))
    assert report.ok and report.count(CREATE) == 2
    builders.make_measure(radar, "Zwei, schneller", slug="zwei")  # between the check and the write
    before = snapshot()

    report = apply_report(radar, report)
    assert not report.ok and not report.applied
    assert report.row_errors and report.row_errors[0][0] == 3
    assert "slug" in report.row_errors[0][1]
    assert snapshot() == before  # row 2 was rolled back too
    assert any("Nothing was imported" in line for line in describe_report(report))


def test_the_messages_are_german_in_german(radar, terms, tmp_path):
    path = tmp_path / "measures.csv"
    path.write_text(table("N-1,Gut,,sektor-1,ring-1,", "N-2,Neu,admin,sektor-1,ring-1,2024-01-01abc"))
    out = io.StringIO()
    with translation.override("de"), pytest.raises(CommandError) as error:
        call_command("digiradar_import", str(radar.pk), str(path), stdout=out, dry_run=True)
    output = out.getvalue()
    assert "Zeile 2: anlegen N-1 Gut" in output
    assert "Zeile 3: Das Kürzel „admin“ ist für Adressen der Website selbst reserviert" in output
    assert "Zeile 3: start_date „2024-01-01abc“ ist kein Datum" in output
    assert "Row" not in output
    assert str(error.value) == "Es wurde nichts importiert."

    path.write_text(table("N-1,Gut,,sektor-1,ring-1,"))
    out = io.StringIO()
    with translation.override("de"):
        call_command("digiradar_import", str(radar.pk), str(path), stdout=out, dry_run=True)
    assert "Zeile 2: anlegen N-1 Gut" in out.getvalue() and "Probelauf: 1 würden angelegt" in out.getvalue()


def test_the_german_admin_shows_german_row_errors(django_user_model, radar, terms):
    user = make_user(django_user_model, "redakteurin", superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    response = upload(logged_in(user), radar, table("N-1,Neu,admin,sektor-1,ring-1,"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Das Kürzel „admin“ ist für Adressen der Website selbst reserviert" in html
    assert "Zeile" in html and "Nothing was imported" not in html
