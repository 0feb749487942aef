"""``manage.py digiradar_import RADAR_PAGE_ID FILE [--dry-run] [--publish] [--max-bytes N]``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...models import RadarIndexPage
from ...opendata.importer import import_table
from ...opendata.messages import describe_report
from ...opendata.spreadsheet import SpreadsheetError, check_size, max_bytes, read_table


class Command(BaseCommand):
    help = "Import measures into a radar from a CSV or XLSX file in the columns export.csv writes."

    def add_arguments(self, parser):
        parser.add_argument("radar_id", type=int, help="Id of the radar page")
        parser.add_argument("file", help="A .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="Only check and show what would change")
        parser.add_argument("--publish", action="store_true", help="Publish the measures (default: drafts)")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=None,
            help="Refuse larger files (default: DIGIRADAR_IMPORT_MAX_BYTES, 5 MB)",
        )

    def handle(self, radar_id, file, dry_run=False, publish=False, max_bytes=None, **options):
        radar = RadarIndexPage.objects.filter(pk=radar_id).first()
        if radar is None:
            raise CommandError(_("There is no radar page with id %(id)d.") % {"id": radar_id})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        limit = _limit(max_bytes)
        try:
            check_size(path.stat().st_size, limit)  # before reading a byte of it
            with path.open("rb") as source:
                data = source.read(limit + 1)  # the file may have grown since
            table = read_table(path.name, data, max_bytes=limit)
        except SpreadsheetError as error:
            raise CommandError(str(error)) from error
        report = import_table(radar, table, dry_run=dry_run, publish=publish)
        for line in describe_report(report):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(_("Nothing was imported."))


def _limit(value):
    if value is None:
        return max_bytes()
    if value < 1:
        raise CommandError(_("--max-bytes must be a positive number of bytes."))
    return value
