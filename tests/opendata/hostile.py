"""Hostile spreadsheets, built in the test: workbooks with endless rows and zip bombs."""

import io
import time
import tracemalloc
import zipfile
from contextlib import contextmanager

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_END = b"</sheetData></worksheet>"
HEADER_ROW = (
    b'<row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>title</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>sector</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><t>ring</t></is></c>'
    b"</row>"
)


def workbook_with_sheet(chunks):
    """
    A valid .xlsx (openpyxl's own parts) whose first sheet is ``SHEET_START``, the header row,
    the byte strings of ``chunks`` and ``SHEET_END``. The sheet is written in pieces, so that
    a sheet of many megabytes never sits in the test's memory.
    """
    template = io.BytesIO()
    Workbook().save(template)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for part in source.infolist():
            if part.filename != SHEET:
                target.writestr(part, source.read(part.filename))
        with target.open(SHEET, "w") as sheet:
            sheet.write(SHEET_START + HEADER_ROW)
            for chunk in chunks:
                sheet.write(chunk)
            sheet.write(SHEET_END)
    return output.getvalue()


def empty_rows(count, per_chunk=100_000):
    """``count`` empty rows, each written out as ``<row/>`` (as Excel does for formatted rows)."""
    while count > 0:
        rows = min(count, per_chunk)
        yield b"<row/>" * rows
        count -= rows


def numbered_empty_rows(first, count):
    for start in range(first, first + count, 10_000):
        yield b"".join(
            b'<row r="%d"/>' % number for number in range(start, min(start + 10_000, first + count))
        )


def far_row(number):
    """One cell on row ``number``: a reader that fills in the missing rows meets millions of them."""
    yield b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (number, number)


def unpacked_size(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(part.file_size for part in archive.infolist())


@contextmanager
def measured():
    """Wall time (s) and peak of traced Python memory (bytes) of the block: ``figures["seconds"]``…"""
    figures = {}
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield figures
    finally:
        figures["seconds"] = time.perf_counter() - started
        figures["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def workbook_with_styles(formats):
    """A workbook whose styles.xml lists ``formats`` cell formats; openpyxl builds an object for each."""
    template = io.BytesIO()
    Workbook().save(template)
    output = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/styles.xml":
                start = data.index(b"<cellXfs")
                end = data.index(b"</cellXfs>") + len(b"</cellXfs>")
                # Numbered, so that they pack no tighter than a real workbook's parts.
                xfs = b"".join(
                    b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0"/>' % n for n in range(formats)
                )
                data = data[:start] + b'<cellXfs count="%d">' % formats + xfs + b"</cellXfs>" + data[end:]
            target.writestr(part, data)
    return output.getvalue()
