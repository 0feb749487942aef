"""What a measure page shows besides its own fields: names in the page's language, timeline."""

from ..localization import in_locale, live_measures_in_locale
from ..models import MeasureHistoryEntry


def measure_detail(page):
    locale = page.locale
    radar = page.get_parent().specific
    rings_by_key = {ring.translation_key: ring for ring in radar.rings.all()}

    topics = in_locale([row.topic for row in page.topics.select_related("topic")], locale)
    co_departments = in_locale(
        [row.department for row in page.co_departments.select_related("department")], locale
    )
    principle_rows = list(page.principles.select_related("principle"))
    principles = in_locale([row.principle for row in principle_rows], locale)

    relation_rows = list(page.relations.all())
    related = live_measures_in_locale([row.target_id for row in relation_rows], locale)
    relations = [
        (row.get_relation_type_display(), related[row.target_id])
        for row in relation_rows
        if row.target_id in related
    ]

    history = [
        {
            "entry": entry,
            "ring": rings_by_key.get(entry.ring_key),
            "previous_ring": rings_by_key.get(entry.previous_ring_key),
        }
        for entry in MeasureHistoryEntry.objects.filter(measure_key=page.translation_key)
    ]

    return {
        "radar": radar,
        "lead_department": in_locale([page.lead_department], locale)[0] if page.lead_department else None,
        "co_departments": co_departments,
        "topics": topics,
        "principles": list(zip(principles, [row.text for row in principle_rows], strict=True)),
        "milestones": list(page.milestones.all()),
        "indicators": list(page.indicators.all()),
        "council_decisions": list(page.council_decisions.all()),
        "relations": relations,
        "history": history,
    }
