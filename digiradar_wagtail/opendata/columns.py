"""
The spreadsheet columns that ``export.csv`` writes and the import reads (docs/opendata.md).

Lists (departments, topics, principles) hold slugs joined by ``;``. Columns in
``EXPORT_ONLY_COLUMNS`` help people reading the file and are ignored by the import.
"""

import re

LIST_SEPARATOR = ";"

IMPORT_COLUMNS = [
    "external_id",
    "title",
    "slug",
    "teaser",
    "plain_language_summary",
    "sector",
    "ring",
    "delivery_status",
    "status_reason",
    "progress_percent",
    "progress_as_of",
    "progress_method",
    "start_date",
    "planned_end_date",
    "actual_end_date",
    "lead_department",
    "co_departments",
    "topics",
    "principles",
    "contact_email",
    "budget_planned",
    "funding_source",
]
EXPORT_ONLY_COLUMNS = ["sector_name", "ring_name", "lead_department_name", "url", "last_published_at"]
EXPORT_COLUMNS = IMPORT_COLUMNS + EXPORT_ONLY_COLUMNS

TEXT_COLUMNS = {"title", "slug", "teaser", "plain_language_summary", "status_reason", "progress_method"}
TEXT_COLUMNS |= {"contact_email", "funding_source", "external_id"}
DATE_COLUMNS = {"progress_as_of", "start_date", "planned_end_date", "actual_end_date"}
LIST_COLUMNS = {"co_departments": "department", "topics": "topic", "principles": "principle"}
REQUIRED_COLUMNS = {"title", "sector", "ring"}
# Slugs the import refuses for a measure: the first parts of the site's own addresses
# (Wagtail's and Django's admin, the API, documents, the participation URLs) and the names of
# the radar's files, so that no measure's URL can be mistaken for one of them.
RESERVED_SLUGS = {
    "admin",
    "django-admin",
    "api",
    "documents",
    "images",
    "media",
    "static",
    "comments",
    "digiradar",
    "search",
    "sitemap",
    "export",
    "feed",
    "login",
    "logout",
}
# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"), so the
# export prefixes such text with an apostrophe, as Excel itself does, and the import drops it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number, negative ones included, is data to a spreadsheet, not a formula: it is
# written as it is, so that "-1.5" stays a number (the radar's own numbers are never negative).
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def defuse(text):
    """``text`` made safe for a spreadsheet cell: a leading ``'`` before a formula start."""
    text = "" if text is None else str(text)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text):
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _text(value):
    return "" if value is None else str(value)


def _date(value):
    return value.isoformat() if value else ""


def csv_row(record):
    """
    The export row of a :class:`~digiradar_wagtail.opendata.records.MeasureRecord`. Every cell
    goes through :func:`defuse`, names and slugs and lists included: a slug may start with "-".
    """
    page = record.page
    row = {name: _text(getattr(page, name)) for name in TEXT_COLUMNS}
    row.update({name: _date(getattr(page, name)) for name in DATE_COLUMNS})
    row.update(
        {
            "sector": page.sector.slug,
            "ring": page.ring.slug,
            "delivery_status": page.delivery_status,
            "progress_percent": _text(page.progress_percent),
            "lead_department": record.lead_department.slug if record.lead_department else "",
            "co_departments": LIST_SEPARATOR.join(term.slug for term in record.co_departments),
            "topics": LIST_SEPARATOR.join(term.slug for term in record.topics),
            "principles": LIST_SEPARATOR.join(term.slug for term, _ in record.principles),
            "budget_planned": _text(page.budget_planned),
            "sector_name": page.sector.name,
            "ring_name": page.ring.name,
            "lead_department_name": record.lead_department.name if record.lead_department else "",
            "url": record.url,
            "last_published_at": page.last_published_at.isoformat() if page.last_published_at else "",
        }
    )
    return [defuse(row[name]) for name in EXPORT_COLUMNS]
