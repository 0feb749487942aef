"""
Read an uploaded spreadsheet (CSV or XLSX) into rows of text, coping with Excel's habits:
a byte-order mark, ``;`` as the delimiter, Windows-1252 instead of UTF-8, numbers and dates
as cell values. Anything unreadable raises :class:`SpreadsheetError` with a message for people.

Hostile files are cut short: rows are read one at a time and every row counts against
``DIGIRADAR_IMPORT_MAX_ROWS``, empty ones too, so reading stops as soon as the limit is passed;
an .xlsx (a zip archive) is refused before parsing if it unpacks to more than
``DIGIRADAR_IMPORT_MAX_UNPACKED_BYTES`` or is packed suspiciously tightly; at most
``MAX_COLUMNS`` cells of a row are read.
"""

import csv
import datetime
import io
import itertools
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..conf import digiradar_settings

CSV_DELIMITERS = ";,\t"
MAX_COLUMNS = 100
# The delimiter is guessed from the start of the first line only.
SNIFF_CHARACTERS = 64 * 1024
# The compression ratio is checked only for parts that unpack to more than this.
RATIO_CHECK_BYTES = 1024 * 1024
MEGABYTE = 1024 * 1024
# Budgets for the scan of an .xlsx's XML parts (check_archive): elements a cell may need in a
# sheet (<c>, <v>, <is>/<t>) or in the shared strings (<si>, <t>, rich-text runs), and elements
# of any other part (styles, workbook, relations: a few hundred in a real workbook).
ELEMENTS_PER_CELL = 3
SMALL_PART_ELEMENTS = 20_000
BIG_PARTS = ("xl/worksheets/", "xl/sharedStrings.xml")
# Parts that openpyxl does not parse when it reads values only (read_only, keep_links=False):
# comments, drawings, charts, pivot tables and the like. Only their rows are counted.
UNPARSED_PARTS = (
    "xl/comments",
    "xl/threadedComments/",
    "xl/persons/",
    "xl/drawings/",
    "xl/charts/",
    "xl/pivotCache/",
    "xl/pivotTables/",
    "xl/externalLinks/",
    "xl/tables/",
    "xl/queryTables/",
    "xl/ctrlProps/",
    "xl/activeX/",
    "xl/richData/",
    "xl/media/",
    "customXml/",
)
SCAN_CHUNK = 64 * 1024
MAX_TAG_START = 64
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


class SpreadsheetError(ValueError):
    """The file cannot be read as a table; ``str(error)`` says why, in the active language."""


@dataclass
class Table:
    """A spreadsheet's header (normalised names) and its rows as ``(line number, {column: text})``."""

    headers: list
    rows: list


def max_rows():
    return digiradar_settings.IMPORT_MAX_ROWS


def normalise_header(name):
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())


def max_bytes():
    return digiradar_settings.IMPORT_MAX_BYTES


def check_size(size, limit=None):
    """Refuse a file of ``size`` bytes above ``limit`` (``DIGIRADAR_IMPORT_MAX_BYTES``)."""
    limit = max_bytes() if limit is None else limit
    if size > limit:
        raise SpreadsheetError(
            _("The file is %(size)s MB; files up to %(limit)s MB can be imported.")
            % {"size": f"{size / MEGABYTE:.1f}", "limit": f"{limit / MEGABYTE:.1f}"}
        )


def read_table(filename, data, max_bytes=None):
    """Read ``data`` (bytes) as CSV or XLSX, chosen by ``filename``'s extension."""
    check_size(len(data), max_bytes)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "csv":
        return read_csv(data)
    if extension == "xlsx":
        return read_xlsx(data)
    raise SpreadsheetError(_("Upload a .csv or .xlsx file."))


def decode(data):
    """The text of ``data``: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(_("The file claims to be UTF-16 but is not.")) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's "CSV (semicolon-separated)" on German Windows writes Windows-1252.
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("The file is neither UTF-8 nor Windows-1252 text. Save it as “CSV UTF-8” and try again.")
        ) from error


def sniff_delimiter(text):
    first_line = text[:SNIFF_CHARACTERS].split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        counts = {delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def read_csv(data):
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpreadsheetError(_("This is not a text file. Upload a .csv or .xlsx file."))
    text = decode(data)
    delimiter = sniff_delimiter(text)
    # csv.reader reads the text line by line; _table stops it once the row limit is passed.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(reader)
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file is malformed: %(error)s") % {"error": error}) from error


def check_archive(data):
    """
    Refuse a zip bomb before openpyxl unpacks anything. openpyxl parses every sheet to its end
    while it opens a workbook (looking for the sheet's size) and builds an object for every
    style, so limits on what it will read must hold before it starts:

    - the declared unpacked sizes of all parts stay under ``DIGIRADAR_IMPORT_MAX_UNPACKED_BYTES``
      and no part larger than 1 MB is packed more tightly than
      ``DIGIRADAR_IMPORT_MAX_COMPRESSION_RATIO`` (Python's zipfile never unpacks more than a
      part's declared size; a part that lies about it fails its checksum);
    - the XML parts, unpacked in pieces and never whole, hold no more ``<row>`` elements than the
      row limit allows (all sheets together), sheets and shared strings no more elements than
      that many rows of ``MAX_COLUMNS`` cells need, parts that openpyxl parses besides (styles,
      workbook, relations) at most ``SMALL_PART_ELEMENTS`` each.
    """
    unreadable = _("The Excel workbook could not be read. Save it again as .xlsx.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            _check_sizes(parts)
            rows_left = max_rows() + 1  # and the header
            for part in parts:
                if (
                    part.filename.endswith((".xml", ".rels", ".vml"))
                    or part.filename == "[Content_Types].xml"
                ):
                    with archive.open(part) as stream:
                        rows_left -= _scan_part(part.filename, stream, rows_left)
    except SpreadsheetError:
        raise
    except Exception as error:  # broken, encrypted or lying archives
        raise SpreadsheetError(unreadable) from error


def _check_sizes(parts):
    limit = digiradar_settings.IMPORT_MAX_UNPACKED_BYTES
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limit:
        raise SpreadsheetError(
            _(
                "The workbook unpacks to %(size)s MB; at most %(limit)s MB can be read. "
                "Remove empty rows and formatting, or save it as CSV."
            )
            % {"size": f"{unpacked / MEGABYTE:.1f}", "limit": f"{limit / MEGABYTE:.1f}"}
        )
    max_ratio = digiradar_settings.IMPORT_MAX_COMPRESSION_RATIO
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_CHECK_BYTES and ratio > max_ratio:
            raise SpreadsheetError(
                _(
                    "The workbook is packed %(ratio)d times tighter than a spreadsheet needs to be "
                    "(at most %(limit)d). Remove empty rows and formatting, or save it as CSV."
                )
                % {"ratio": ratio, "limit": max_ratio}
            )


def _too_many_rows():
    return SpreadsheetError(_("The file has more than %(max)d rows; split it.") % {"max": max_rows()})


def _scan_part(name, stream, rows_left):
    """Count the elements and ``<row>`` elements of one XML part, piece by piece; the rows."""
    if name.startswith(BIG_PARTS):
        budget = (max_rows() + 1) * MAX_COLUMNS * ELEMENTS_PER_CELL
    elif name.startswith(UNPARSED_PARTS):
        budget = None  # only the unpacked size bounds them
    else:
        budget = SMALL_PART_ELEMENTS
    elements = rows = 0
    tail = b""
    while True:
        chunk = stream.read(SCAN_CHUNK)
        buffer = tail + chunk
        cut = buffer.rfind(b"<")
        if not chunk or cut == -1 or len(buffer) - cut > MAX_TAG_START:
            cut = len(buffer)  # no tag name cut in two at the end
        piece, tail = buffer[:cut], buffer[cut:]
        elements += piece.count(b"<") - piece.count(b"</") - piece.count(b"<?") - piece.count(b"<!")
        for _match in ROW_TAG.finditer(piece):
            rows += 1
            if rows > rows_left:
                raise _too_many_rows()
        if budget is not None and elements > budget:
            raise SpreadsheetError(
                _(
                    "The workbook holds far more than a list of measures needs (%(part)s). "
                    "Copy the measures into a new workbook, or save them as CSV."
                )
                % {"part": name}
            )
        if not chunk:
            return rows


def read_xlsx(data):
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise SpreadsheetError(_("This is not an Excel workbook (.xlsx)."))
    check_archive(data)
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        sheet = workbook.worksheets[0]
        # The <dimension> a file declares may be wrong; read the rows that are there instead.
        sheet.reset_dimensions()
        rows = (
            [_cell_text(value) for value in row]
            for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        )
        return _table(rows)
    except SpreadsheetError:
        raise
    except Exception as error:  # a broken or hostile file may fail anywhere inside openpyxl
        raise SpreadsheetError(_("The Excel workbook could not be read. Save it again as .xlsx.")) from error
    finally:
        if workbook is not None:
            workbook.close()


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


def _blank(cells):
    return not any(cell.strip() for cell in cells)


def _table(raw_rows):
    """
    Consume ``raw_rows`` (an iterator of lists of text) one row at a time. Every row counts
    against the limit, empty or not, and reading stops at the first row beyond it.
    """
    limit = max_rows()
    headers, rows = None, []
    for line, cells in enumerate(itertools.islice(raw_rows, limit + 2), start=1):
        if line > limit + 1:
            raise _too_many_rows()
        cells = cells[:MAX_COLUMNS]
        if headers is None:
            if not _blank(cells):  # leading blank lines are skipped (but counted)
                headers = [normalise_header(name) for name in cells]
            continue
        if _blank(cells):
            continue
        values = {}
        for name, cell in zip(headers, cells, strict=False):
            if name:
                values[name] = cell.strip()
        rows.append((line, values))
    if headers is None:
        raise SpreadsheetError(_("The file is empty."))
    return Table(headers=[name for name in headers if name], rows=rows)
