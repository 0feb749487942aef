"""
Read an uploaded spreadsheet (CSV or XLSX) into rows of text, coping with Excel's habits:
a byte-order mark, ``;`` as the delimiter, Windows-1252 instead of UTF-8, numbers and dates
as cell values. Anything unreadable raises :class:`SpreadsheetError` with a message for people.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_ROWS = 5000
CSV_DELIMITERS = ";,\t"


class SpreadsheetError(ValueError):
    """The file cannot be read as a table; ``str(error)`` says why, in the active language."""


@dataclass
class Table:
    """A spreadsheet's header (normalised names) and its rows as ``(line number, {column: text})``."""

    headers: list
    rows: list
    encoding: str = ""
    delimiter: str = ""


def normalise_header(name):
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())


def read_table(filename, data):
    """Read ``data`` (bytes) as CSV or XLSX, chosen by ``filename``'s extension."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "csv":
        return read_csv(data)
    if extension == "xlsx":
        return read_xlsx(data)
    raise SpreadsheetError(_("Upload a .csv or .xlsx file."))


def decode(data):
    """Text and the encoding that worked: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise SpreadsheetError(_("The file claims to be UTF-16 but is not.")) from error
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Excel's "CSV (semicolon-separated)" on German Windows writes Windows-1252.
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("The file is neither UTF-8 nor Windows-1252 text. Save it as “CSV UTF-8” and try again.")
        ) from error


def sniff_delimiter(text):
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        counts = {delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def read_csv(data):
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpreadsheetError(_("This is not a text file. Upload a .csv or .xlsx file."))
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    try:
        raw_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file is malformed: %(error)s") % {"error": error}) from error
    return _table(raw_rows, encoding=encoding, delimiter=delimiter)


def read_xlsx(data):
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise SpreadsheetError(_("This is not an Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        raw_rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError) as error:
        raise SpreadsheetError(_("The Excel workbook could not be read. Save it again as .xlsx.")) from error
    return _table(raw_rows, encoding="xlsx")


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(raw_rows, encoding="", delimiter=""):
    raw_rows = [row for row in raw_rows]
    while raw_rows and not any(cell.strip() for cell in raw_rows[0]):
        raw_rows.pop(0)  # leading blank lines
    if not raw_rows:
        raise SpreadsheetError(_("The file is empty."))
    headers = [normalise_header(name) for name in raw_rows[0]]
    rows = []
    for line, cells in enumerate(raw_rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise SpreadsheetError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        values = {}
        for name, cell in zip(headers, cells, strict=False):
            if name:
                values[name] = cell.strip()
        rows.append((line, values))
    return Table(
        headers=[name for name in headers if name], rows=rows, encoding=encoding, delimiter=delimiter
    )
