"""
The open data of a radar's ideas: ``ideas.json`` and ``ideas.csv`` next to its ideas page.
Published ideas only, with the city's answer, the support count, the sector and the linked
measure; never a name, a mail address or anything else about who proposed or supported them.
"""

from django.utils import timezone

from ..opendata.columns import defuse
from ..opendata.records import absolute_url
from ..opendata.writers import csv_text
from .models import Idea
from .public import radar_sectors

SCHEMA_VERSION = 1
COLUMNS = [
    "id",
    "title",
    "description",
    "sector",
    "sector_name",
    "proposed_at",
    "supports",
    "answer",
    "answer_text",
    "answered_at",
    "measure_url",
    "url",
]


def records(page, request=None):
    """One dict per published idea of the page's radar, newest first (three queries in all)."""
    sectors = {sector.slug: sector.name for sector in radar_sectors(page)}
    ideas = (
        Idea.objects.published()
        .filter(radar_key=page.radar_key)
        .with_support_count()
        .select_related("measure")
        .order_by("-created_at", "-pk")
    )
    base = absolute_url(page, request)
    rows = []
    for idea in ideas:
        measure = idea.measure
        rows.append(
            {
                "id": idea.pk,
                "title": idea.title,
                "description": idea.description,
                "sector": idea.sector_slug,
                "sector_name": sectors.get(idea.sector_slug, ""),
                "proposed_at": idea.created_at.isoformat(),
                "supports": idea.support_count,
                "answer": idea.answer,
                "answer_text": idea.answer_text,
                "answered_at": idea.answered_at.isoformat() if idea.answered_at else None,
                # Only a published measure has a public URL (its translation is not looked up
                # here: one query for all ideas, not one per idea).
                "measure_url": absolute_url(measure, request)
                if measure is not None and measure.live
                else None,
                "url": base + page.reverse_subpage("idea", args=[idea.pk]),
            }
        )
    return rows


def json_document(page, rows, request=None):
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now().isoformat(),
        "radar": {"title": page.radar.title, "ideas_url": absolute_url(page, request)},
        "language": page.locale.language_code,
        "count": len(rows),
        "ideas": rows,
    }


def csv_text_of(rows):
    """``ideas.csv``: every cell defused, so that a spreadsheet never runs one as a formula."""
    return csv_text(COLUMNS, ([defuse(row[name]) for name in COLUMNS] for row in rows))
