"""``manage.py digiradar_import RADAR_PAGE_ID FILE [--dry-run] [--publish]``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...models import RadarIndexPage
from ...opendata.importer import import_table
from ...opendata.report import describe_report
from ...opendata.spreadsheet import SpreadsheetError, read_table


class Command(BaseCommand):
    help = "Import measures into a radar from a CSV or XLSX file in the columns export.csv writes."

    def add_arguments(self, parser):
        parser.add_argument("radar_id", type=int, help="Id of the radar page")
        parser.add_argument("file", help="A .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="Only check and show what would change")
        parser.add_argument("--publish", action="store_true", help="Publish the measures (default: drafts)")

    def handle(self, radar_id, file, dry_run=False, publish=False, **options):
        radar = RadarIndexPage.objects.filter(pk=radar_id).first()
        if radar is None:
            raise CommandError(_("There is no radar page with id %(id)d.") % {"id": radar_id})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        try:
            table = read_table(path.name, path.read_bytes())
        except SpreadsheetError as error:
            raise CommandError(str(error)) from error
        report = import_table(radar, table, dry_run=dry_run, publish=publish)
        for line in describe_report(report):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(_("Nothing was imported."))
