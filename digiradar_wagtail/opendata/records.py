"""
Everything the exports say about a list of measures, gathered in a fixed number of queries.

:func:`collect` returns one :class:`MeasureRecord` per measure with the measure's related rows
and the names of its sector, ring and taxonomy terms in the radar's language. The JSON, CSV
and Atom writers only format these records.
"""

from dataclasses import dataclass, field

from .. import extensions
from ..localization import in_locale, live_measures_in_locale
from ..models import (
    MeasureCoDepartment,
    MeasureCouncilDecision,
    MeasureHistoryEntry,
    MeasureIndicator,
    MeasureMilestone,
    MeasurePrinciple,
    MeasureRelation,
    MeasureTopic,
)


@dataclass
class MeasureRecord:
    """A measure with its related rows, ready to be written out."""

    page: object
    url: str
    lead_department: object = None
    co_departments: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    principles: list = field(default_factory=list)  # (principle, text)
    milestones: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    council_decisions: list = field(default_factory=list)
    relations: list = field(default_factory=list)  # (relation_type, target page or None, target url)
    history: list = field(default_factory=list)  # MeasureHistoryEntry, newest first
    aggregates: dict = field(default_factory=dict)  # {export name: figures}, from the sub-apps


def _by_page(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.page_id, []).append(row)
    return grouped


def _localised(objects, locale):
    """``{pk of the original: object in locale}`` for a list of taxonomy terms."""
    objects = [obj for obj in objects if obj is not None]
    return {original.pk: shown for original, shown in zip(objects, in_locale(objects, locale), strict=True)}


def load_aggregates(translation_keys):
    """
    ``{export name: {translation key: figures}}`` from every aggregate a sub-app registered
    (``digiradar_wagtail.extensions``), such as rating results; each in a fixed number of queries.
    """
    keys = list(translation_keys)
    return {aggregate.export_name: aggregate.load(keys) for aggregate in extensions.measure_aggregates()}


def absolute_url(page, request=None):
    """
    ``page``'s absolute URL as seen by whoever made ``request``: on the host and scheme that served
    it (a development server, a proxy's public name), not the Wagtail Site record's. Without a
    request (a command, a mail), the Site record's.
    """
    if request is None:
        return page.get_full_url() or ""
    url = page.get_url(request)
    return request.build_absolute_uri(url) if url else ""


def collect(radar, measures, request=None, with_aggregates=False):
    """One :class:`MeasureRecord` per measure of ``measures`` (a list), in the same order."""
    locale = radar.locale
    pks = [measure.pk for measure in measures]
    keys = [measure.translation_key for measure in measures]

    topics = _by_page(MeasureTopic.objects.filter(page_id__in=pks).select_related("topic"))
    co_departments = _by_page(
        MeasureCoDepartment.objects.filter(page_id__in=pks).select_related("department")
    )
    principles = _by_page(MeasurePrinciple.objects.filter(page_id__in=pks).select_related("principle"))
    milestones = _by_page(MeasureMilestone.objects.filter(page_id__in=pks))
    indicators = _by_page(MeasureIndicator.objects.filter(page_id__in=pks))
    decisions = _by_page(MeasureCouncilDecision.objects.filter(page_id__in=pks))
    relations = _by_page(MeasureRelation.objects.filter(page_id__in=pks))

    # Taxonomy foreign keys point at the source language's terms: show them in the radar's.
    departments = _localised(
        [m.lead_department for m in measures]
        + [row.department for rows in co_departments.values() for row in rows],
        locale,
    )
    topic_names = _localised([row.topic for rows in topics.values() for row in rows], locale)
    principle_names = _localised([row.principle for rows in principles.values() for row in rows], locale)

    # Relations may point at the source language's measures: show them in the radar's.
    targets = live_measures_in_locale([row.target_id for rows in relations.values() for row in rows], locale)
    target_urls = {pk: absolute_url(target, request) for pk, target in targets.items()}

    history = {}
    for entry in MeasureHistoryEntry.objects.filter(measure_key__in=keys):
        history.setdefault(entry.measure_key, []).append(entry)
    # Only export.json carries the sub-apps' figures (rating results): CSV and feed skip their queries.
    aggregates = load_aggregates(keys) if with_aggregates else {}

    records = []
    for measure in measures:
        records.append(
            MeasureRecord(
                page=measure,
                url=absolute_url(measure, request),
                lead_department=departments.get(measure.lead_department_id),
                co_departments=[departments[row.department_id] for row in co_departments.get(measure.pk, [])],
                topics=[topic_names[row.topic_id] for row in topics.get(measure.pk, [])],
                principles=[
                    (principle_names[row.principle_id], row.text) for row in principles.get(measure.pk, [])
                ],
                milestones=milestones.get(measure.pk, []),
                indicators=indicators.get(measure.pk, []),
                council_decisions=decisions.get(measure.pk, []),
                relations=[
                    (row.relation_type, targets.get(row.target_id), target_urls.get(row.target_id, ""))
                    for row in relations.get(measure.pk, [])
                ],
                history=history.get(measure.translation_key, []),
                aggregates={
                    name: figures.get(measure.translation_key) for name, figures in aggregates.items()
                },
            )
        )
    return records
