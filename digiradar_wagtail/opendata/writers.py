"""Format measure records as the documented JSON, as CSV and as an Atom feed (docs/opendata.md)."""

import csv
import io

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ..models.history import TECH_RADAR_MOVED, marker_period_start, movement
from .columns import EXPORT_COLUMNS, csv_row

SCHEMA_VERSION = 1


def _named(obj):
    return {"slug": obj.slug, "name": obj.name} if obj is not None else None


def _date(value):
    return value.isoformat() if value else None


def _decimal(value):
    # Strings keep decimals exact; consumers parse them as they need.
    return None if value is None else str(value)


def measure_json(record, rings_by_key):
    page = record.page
    return {
        "external_id": page.external_id or None,
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "title": page.title,
        "slug": page.slug,
        "url": record.url,
        "teaser": page.teaser,
        "body": list(page.body.raw_data),
        "plain_language_summary": page.plain_language_summary,
        "sector": _named(page.sector),
        "ring": _named(page.ring),
        "delivery_status": page.delivery_status,
        "status_reason": page.status_reason,
        "progress": {
            "percent": page.progress_percent,
            "as_of": _date(page.progress_as_of),
            "method": page.progress_method,
        },
        "start_date": _date(page.start_date),
        "planned_end_date": _date(page.planned_end_date),
        "actual_end_date": _date(page.actual_end_date),
        "lead_department": _department(record.lead_department),
        "co_departments": [_department(term) for term in record.co_departments],
        "contact_email": page.contact_email,
        "budget_planned": _decimal(page.budget_planned),
        "funding_source": page.funding_source,
        "topics": [_named(term) for term in record.topics],
        "principles": [dict(_named(term), text=text) for term, text in record.principles],
        "milestones": [
            {"title": row.title, "due_date": _date(row.due_date), "done": row.done}
            for row in record.milestones
        ],
        "indicators": [
            {
                "name": row.name,
                "unit": row.unit,
                "baseline": _decimal(row.baseline),
                "target": _decimal(row.target),
                "current": _decimal(row.current),
                "as_of": _date(row.as_of),
                "source": row.source,
            }
            for row in record.indicators
        ],
        "council_decisions": [
            {
                "reference": row.reference,
                "title": row.title,
                "decided_on": _date(row.decided_on),
                "url": row.url,
            }
            for row in record.council_decisions
        ],
        "relations": [
            {
                "type": relation_type,
                "external_id": (target.external_id or None) if target else None,
                "title": target.title if target else None,
                "url": url or None,
            }
            for relation_type, target, url in record.relations
        ],
        "history": [
            {
                "date": entry.recorded_at.isoformat(),
                "ring": _slug(rings_by_key.get(entry.ring_key)),
                "previous_ring": _slug(rings_by_key.get(entry.previous_ring_key)),
                "progress_percent": entry.progress_percent,
                "previous_progress_percent": entry.previous_progress_percent,
            }
            for entry in record.history
        ],
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
        **record.aggregates,
    }


def _slug(obj):
    return obj.slug if obj is not None else None


def _department(term):
    if term is None:
        return None
    return {"slug": term.slug, "name": term.name, "abbreviation": term.abbreviation}


def export_document(radar, sectors, rings, records, filter_result, urls):
    """The whole ``export.json`` document."""
    rings_by_key = {ring.translation_key: ring for ring in rings}
    ring_order = {ring.translation_key: index for index, ring in enumerate(rings)}
    sector_index = {sector.pk: index for index, sector in enumerate(sectors)}
    ring_index = {ring.pk: index for index, ring in enumerate(rings)}
    now = timezone.now()
    since = marker_period_start(now)
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": now.isoformat(),
        "radar": {
            "title": radar.title,
            "url": urls["page"],
            "language": radar.locale.language_code,
            "sectors": [_part(sector) for sector in sectors],
            "rings": [_part(ring) for ring in rings],
        },
        "filters": filter_result.params,
        "count": len(records),
        "measures": [measure_json(record, rings_by_key) for record in records],
        # The Zalando tech-radar's entry format; its ring 0 is the innermost, our last phase.
        "tech_radar": {
            "title": radar.title,
            "quadrants": [{"name": sector.name} for sector in sectors],
            "rings": [{"name": ring.name, "color": ring.colour} for ring in reversed(rings)],
            "entries": [
                {
                    "quadrant": sector_index[record.page.sector_id],
                    "ring": len(rings) - 1 - ring_index[record.page.ring_id],
                    "label": record.page.title,
                    "link": record.url,
                    "moved": TECH_RADAR_MOVED[movement(record.history, ring_order, since)],
                    "active": True,
                }
                for record in records
                if record.page.sector_id in sector_index and record.page.ring_id in ring_index
            ],
        },
        "links": {"csv": urls["csv"], "atom": urls["atom"]},
    }


def _part(part):
    return {"slug": part.slug, "name": part.name, "colour": part.colour, "description": part.description}


def write_csv(records, delimiter=","):
    """``export.csv`` as text, with a BOM so that Excel reads it as UTF-8."""
    return csv_text(EXPORT_COLUMNS, (csv_row(record) for record in records), delimiter)


def csv_text(header, rows, delimiter=","):
    """
    A CSV file as text: a BOM so that Excel reads it as UTF-8, then ``header`` and ``rows``. The
    caller passes cells through :func:`~.columns.defuse` (apps' exports use it too).
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def history_title(record, entry, rings_by_key):
    """A change in words, in the active language (the radar's)."""
    title = record.page.title
    ring = rings_by_key.get(entry.ring_key)
    previous = rings_by_key.get(entry.previous_ring_key)
    if entry.is_first:
        return _("%(title)s is new on the radar") % {"title": title}
    if entry.ring_changed and ring and previous:
        return _("%(title)s moved from %(previous)s to %(ring)s") % {
            "title": title,
            "previous": previous.name,
            "ring": ring.name,
        }
    if entry.progress_percent != entry.previous_progress_percent:
        return _("%(title)s: progress %(previous)s → %(progress)s") % {
            "title": title,
            "previous": _percent(entry.previous_progress_percent),
            "progress": _percent(entry.progress_percent),
        }
    return _("%(title)s was updated") % {"title": title}


def _percent(value):
    return "–" if value is None else f"{value} %"


def atom_feed(radar, records, rings, urls, limit, title=None):
    """
    The changes of ring and progress of ``records``, newest first, as an Atom document; ``title``
    names the feed (default: the radar's changes).
    """
    rings_by_key = {ring.translation_key: ring for ring in rings}
    changes = sorted(
        ((entry, record) for record in records for entry in record.history),
        key=lambda pair: (pair[0].recorded_at, pair[0].pk),
        reverse=True,
    )[:limit]
    feed = Atom1Feed(
        title=title or _("%(radar)s: changes") % {"radar": radar.title},
        link=urls["page"],
        description="",
        language=radar.locale.language_code,
        feed_url=urls["atom"],
        feed_guid=urls["atom"],
        author_name=radar.title,  # Atom requires an author; the radar speaks for the city
    )
    for entry, record in changes:
        feed.add_item(
            title=history_title(record, entry, rings_by_key),
            link=record.url,
            description=record.page.teaser,
            unique_id=f"{record.url}#change-{entry.pk}",
            pubdate=entry.recorded_at,
            updateddate=entry.recorded_at,
        )
    return feed.writeString("utf-8")
