"""
Import measures into a radar from the columns that ``export.csv`` writes.

:func:`import_table` checks every row first and writes nothing unless all rows are valid; the
writes then run in one transaction. A row whose ``external_id`` names a measure of the radar
updates it (as a new revision, published or left as a draft); any other row creates a measure.
Columns missing from the file leave those fields of existing measures untouched.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models.measure import (
    DeliveryStatus,
    MeasureCoDepartment,
    MeasurePage,
    MeasurePrinciple,
    MeasureTopic,
)
from ..models.taxonomy import Department, Principle, Topic
from .columns import (
    DATE_COLUMNS,
    EXPORT_ONLY_COLUMNS,
    IMPORT_COLUMNS,
    LIST_COLUMNS,
    LIST_SEPARATOR,
    REQUIRED_COLUMNS,
    RESERVED_SLUGS,
    TEXT_COLUMNS,
    restore,
)

CREATE, UPDATE, UNCHANGED, PUBLISH = "create", "update", "unchanged", "publish"
# The only date formats read: 2024-03-31 (what the export writes, and Excel's date cells) and
# 31.03.2024. Anything else, trailing text or a time of day included, is refused.
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# A slug must start with a letter or digit; Django's slug rule alone would allow "-" or "_".
GOOD_SLUG = re.compile(r"[^\W_][-\w]*")
TAXONOMY = {"department": Department, "topic": Topic, "principle": Principle}


@dataclass
class RowResult:
    """What the import does (or would do) with one spreadsheet row, or why it cannot."""

    row: int
    external_id: str = ""
    title: str = ""
    action: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    page: object = None
    values: dict = field(default_factory=dict)
    lists: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    """The outcome of a (dry) run: file-level errors, warnings and one result per row."""

    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self):
        return not self.errors and not any(row.errors for row in self.rows)

    def count(self, action):
        """Rows without errors that the import (would) handle with ``action``."""
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    @property
    def row_errors(self):
        return [(row.row, message) for row in self.rows for message in row.errors]


class _Parser:
    """Turns one row's text into field values, collecting readable errors."""

    def __init__(self, radar, rows):
        self.radar = radar
        self.sectors = {part.slug: part for part in radar.sectors.all()}
        self.rings = {part.slug: part for part in radar.rings.all()}
        self.terms = {kind: self._terms(model, rows, kind) for kind, model in TAXONOMY.items()}
        self.statuses = set(DeliveryStatus.values)

    def _terms(self, model, rows, kind):
        columns = [name for name, term in LIST_COLUMNS.items() if term == kind]
        if kind == "department":
            columns.append("lead_department")
        slugs = {slug for _line, row in rows for name in columns for slug in _split(row.get(name, ""))}
        found = {}
        # Prefer the radar's language; a term that exists only in the source language will do.
        for term in model.objects.filter(slug__in=slugs).order_by("pk"):
            if term.locale_id == self.radar.locale_id or term.slug not in found:
                found[term.slug] = term
        return found

    def parse(self, name, text, errors):
        if name in TEXT_COLUMNS:
            return text
        if name in DATE_COLUMNS:
            return self._date(name, text, errors)
        if name in ("sector", "ring"):
            parts = self.sectors if name == "sector" else self.rings
            if text not in parts:
                errors.append(
                    _("Unknown %(column)s “%(value)s”; this radar has: %(known)s.")
                    % {"column": name, "value": text, "known": ", ".join(parts) or "–"}
                )
            return parts.get(text)
        if name == "delivery_status":
            if not text:
                return DeliveryStatus.ON_TRACK
            if text not in self.statuses:
                errors.append(
                    _("Unknown delivery_status “%(value)s”; use one of: %(known)s.")
                    % {"value": text, "known": ", ".join(sorted(self.statuses))}
                )
            return text
        if name == "progress_percent":
            return self._progress(text, errors)
        if name == "budget_planned":
            return self._decimal(text, errors)
        if name == "lead_department":
            return self._term("department", text, name, errors) if text else None
        raise KeyError(name)

    def parse_list(self, name, text, errors):
        kind = LIST_COLUMNS[name]
        return [term for term in (self._term(kind, slug, name, errors) for slug in _split(text)) if term]

    def _term(self, kind, slug, column, errors):
        term = self.terms[kind].get(slug)
        if term is None:
            errors.append(_("Unknown %(column)s “%(value)s”.") % {"column": column, "value": slug})
        return term

    def _date(self, name, text, errors):
        if not text:
            return None
        try:
            if match := ISO_DATE.fullmatch(text):
                year, month, day = (int(part) for part in match.groups())
            elif match := GERMAN_DATE.fullmatch(text):
                day, month, year = (int(part) for part in match.groups())
            else:
                raise ValueError(text)
            return datetime.date(year, month, day)
        except ValueError:
            errors.append(
                _("%(column)s “%(value)s” is not a date; write 2024-03-31 or 31.03.2024.")
                % {"column": name, "value": text}
            )
            return None

    def _progress(self, text, errors):
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", ".").rstrip("%").strip())
        except InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value() or not 0 <= number <= 100:
            errors.append(
                _("progress_percent “%(value)s” must be a whole number from 0 to 100.") % {"value": text}
            )
            return None
        return int(number)

    def _decimal(self, text, errors):
        if not text:
            return None
        cleaned = text.replace(" ", "").replace("€", "")
        if "," in cleaned:  # German notation: 1.250.000,50
            cleaned = cleaned.replace(".", "").replace(",", ".")
        try:
            number = Decimal(cleaned)
            if not number.is_finite() or number < 0 or abs(number) >= Decimal(10) ** 12:
                raise InvalidOperation
        except InvalidOperation:
            errors.append(_("budget_planned “%(value)s” is not an amount in euros.") % {"value": text})
            return None
        return number.quantize(Decimal("0.01"))


def _split(text):
    return [part.strip() for part in (text or "").split(LIST_SEPARATOR) if part.strip()]


def _current_lists(page):
    return {
        "co_departments": [row.department for row in page.co_departments.all()],
        "topics": [row.topic for row in page.topics.all()],
        "principles": [row.principle for row in page.principles.all()],
    }


def _same_terms(left, right):
    return [term.translation_key for term in left] == [term.translation_key for term in right]


def check_table(radar, table, publish=False):
    """
    Parse and validate every row of ``table`` against ``radar``; writes nothing.

    This is the one validation path: the dry run shows its result and the real run
    (:func:`import_table`) writes only what it passed, so a preview promises nothing that
    the import then refuses.
    """
    report = ImportReport()
    missing = REQUIRED_COLUMNS - set(table.headers)
    if missing:
        report.errors.append(
            _("The file lacks the column(s) %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(sorted(missing))}
        )
        return report
    unknown = [
        name for name in table.headers if name not in IMPORT_COLUMNS and name not in EXPORT_ONLY_COLUMNS
    ]
    if unknown:
        report.warnings.append(_("These columns are ignored: %(columns)s.") % {"columns": ", ".join(unknown)})
    present = [name for name in IMPORT_COLUMNS if name in table.headers]

    # The export writes every cell that a spreadsheet would run as a formula with a leading
    # apostrophe (columns.defuse); take it off again in every column.
    rows = [(line, {name: restore(text) for name, text in row.items()}) for line, row in table.rows]
    parser = _Parser(radar, rows)
    ids = [row.get("external_id", "") for _line, row in rows if row.get("external_id")]
    existing = {
        page.external_id: page for page in MeasurePage.objects.child_of(radar).filter(external_id__in=ids)
    }
    elsewhere = set(
        MeasurePage.objects.filter(locale_id=radar.locale_id, external_id__in=ids)
        .exclude(pk__in=[page.pk for page in existing.values()])
        .values_list("external_id", flat=True)
    )
    # Wagtail wants the slugs of a page's children to be unique: the radar's pages of any type.
    siblings = {
        slug: (pk, title) for pk, slug, title in radar.get_children().values_list("pk", "slug", "title")
    }
    seen_ids, seen_slugs = {}, {}
    for line, row in rows:
        result = RowResult(row=line, external_id=row.get("external_id", ""), title=row.get("title", ""))
        report.rows.append(result)
        errors = result.errors
        if not result.title:
            errors.append(_("The title is missing."))
        external_id = result.external_id
        if external_id in seen_ids:
            errors.append(
                _("The external id “%(id)s” is used twice in this file (also in row %(row)d).")
                % {"id": external_id, "row": seen_ids[external_id]}
            )
        elif external_id:
            seen_ids[external_id] = line
        if external_id in elsewhere:
            errors.append(
                _("The external id “%(id)s” belongs to a measure of another radar.") % {"id": external_id}
            )

        for name in present:
            if name in LIST_COLUMNS:
                result.lists[name] = parser.parse_list(name, row.get(name, ""), errors)
            elif name != "external_id" or external_id:
                result.values[name] = parser.parse(name, row.get(name, ""), errors)
        if errors:
            # Say what else is wrong with the row's own slug; clashes need a parsed row.
            slug = result.values.get("slug")
            owner = existing.get(external_id)
            if slug and (owner is None or slug != owner.slug):
                errors.extend(_slug_errors(slug, result.title))
            continue
        _plan_row(radar, result, existing.get(external_id), siblings, seen_slugs, publish)
    return report


def _slug_errors(slug, title):
    """Why ``slug`` (given, or made from ``title``) cannot be a measure's URL part, if it cannot."""
    if not slug:
        return [
            _("The title “%(title)s” gives no slug (URL part); fill in the slug column.") % {"title": title}
        ]
    if not GOOD_SLUG.fullmatch(slug):
        return [
            _(
                "The slug “%(slug)s” is not usable: use letters, digits and hyphens, "
                "starting with a letter or digit."
            )
            % {"slug": slug}
        ]
    if slug.lower() in RESERVED_SLUGS:
        return [
            _("The slug “%(slug)s” is reserved for the site's own addresses; choose another one.")
            % {"slug": slug}
        ]
    return []


def _check_slug(result, page, existing, siblings, seen_slugs):
    """The slug of ``page`` must be usable and unique among the radar's children and in the file."""
    if existing is None and not page.slug:
        # What Wagtail would make of the title (it cannot look at the siblings of a page
        # without a place in the tree, so the checks below do that).
        allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        page.slug = slugify(page.title, allow_unicode=allow_unicode)
    if existing is None or page.slug != existing.slug:
        errors = _slug_errors(page.slug, page.title)
        if errors:
            return errors
    owner = siblings.get(page.slug)
    if owner is not None and (existing is None or owner[0] != existing.pk):
        return [
            _(
                "The slug “%(slug)s” is already taken by “%(title)s” under this radar; "
                "give the row another slug or title."
            )
            % {"slug": page.slug, "title": owner[1]}
        ]
    if page.slug in seen_slugs:
        return [
            _("The slug “%(slug)s” is also taken by row %(row)d; give one of them another slug or title.")
            % {"slug": page.slug, "row": seen_slugs[page.slug]}
        ]
    seen_slugs[page.slug] = result.row
    return []


def _validation_messages(error, skip=()):
    messages = []
    for column, texts in error.message_dict.items():
        if column in skip:
            continue
        label = "" if column == "__all__" else f"{column}: "
        messages.extend(label + text for text in texts)
    return messages


def _plan_row(radar, result, existing, siblings, seen_slugs, publish):
    """Decide create/update/unchanged, and let the model's own validation speak."""
    values = dict(result.values)
    if existing is None:
        page = MeasurePage(locale_id=radar.locale_id, live=False)
        page._cached_parent_obj = radar
        result.action = CREATE
    else:
        page = existing.get_latest_revision_as_object()
        result.action = UPDATE
        if not values.get("slug"):
            values.pop("slug", None)  # an empty slug keeps the measure's URL
    current_lists = _current_lists(page) if existing else {}
    for name, value in values.items():
        if existing is not None and getattr(page, name) != value:
            result.changes.append(name)
        setattr(page, name, value)
    for name, terms in result.lists.items():
        if existing is not None and not _same_terms(current_lists[name], terms):
            result.changes.append(name)
    if existing is not None and not result.changes:
        # Same as the latest draft: nothing to save, but publishing may still be due.
        unpublished = existing.has_unpublished_changes or not existing.live
        result.action = PUBLISH if publish and unpublished else UNCHANGED
    result.errors.extend(_check_slug(result, page, existing, siblings, seen_slugs))
    # A new page gets its place in the tree only when it is added under the radar.
    exclude = ["path", "depth", "numchild"] if existing is None else []
    skip = ["slug"] if result.errors else []  # already explained, better
    try:
        page.full_clean(exclude=exclude + skip or None)
    except ValidationError as error:
        result.errors.extend(_validation_messages(error, skip=skip))
    if not result.errors:
        result.page = page


def _apply_lists(page, lists):
    if "co_departments" in lists:
        page.co_departments = [MeasureCoDepartment(department=term) for term in lists["co_departments"]]
    if "topics" in lists:
        page.topics = [MeasureTopic(topic=term) for term in lists["topics"]]
    if "principles" in lists:
        # Keep the text that explains how the measure serves a principle it already had.
        texts = {row.principle_id: row.text for row in page.principles.all()}
        page.principles = [
            MeasurePrinciple(principle=term, text=texts.get(term.pk, ""), locale_id=page.locale_id)
            for term in lists["principles"]
        ]


class _RowFailed(Exception):
    """A row could not be written after all; rolls the whole import back."""


def apply_report(radar, report, publish=False, user=None):
    """
    Write the checked rows of ``report`` in one transaction (all or nothing).

    Should a row fail anyway (the radar changed between the check and the write), nothing is
    written and the row gets its error in the report; no exception escapes for a row's problem.
    """
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            for result in report.rows:
                if result.action == UNCHANGED:
                    continue
                try:
                    _write_row(radar, result, publish, user)
                except ValidationError as error:
                    result.errors.extend(_validation_messages(error))
                    raise _RowFailed from error
                except DatabaseError as error:
                    result.errors.append(_("The row could not be saved: %(error)s") % {"error": error})
                    raise _RowFailed from error
    except _RowFailed:
        report.applied = False
        return report
    report.applied = True
    return report


def _write_row(radar, result, publish, user):
    page = result.page
    if result.action == PUBLISH:
        page.get_latest_revision().publish(user=user)
        return
    _apply_lists(page, result.lists)
    if result.action == CREATE:
        page.has_unpublished_changes = True
        radar.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def import_table(radar, table, dry_run=True, publish=False, user=None):
    """Check ``table`` and, unless ``dry_run`` or any row fails, import it."""
    report = check_table(radar, table, publish=publish)
    if report.ok and not dry_run:
        apply_report(radar, report, publish=publish, user=user)
    return report
