"""
The radar page's list of measures, grouped by sector and ring, with counts.

``includes/measure_list.html`` draws the groups and, for a list of up to ``LIST_DETAIL_LIMIT``
measures (and in a sector's view), each measure with its teaser and progress. A longer list shows
number, title and flags only, and writes those items here in Python (``title_items``): the template
engine took a tenth of a second for 1,000 of them. To change how such an item looks, override
``measure_list.html`` and loop over ``ring_group.measures`` in both branches instead of using
``ring_group.title_items``.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..freshness import is_stale
from ..models import MeasurePage
from ..models.history import MARKER_LABELS
from ..models.measure import DeliveryStatus

# What the radar and its list read of a measure (public/svg.py, includes/measure_list.html).
LISTED_FIELDS = (
    "pk",
    "title",
    "url_path",
    "translation_key",
    "locale_id",
    "teaser",
    "progress_percent",
    "progress_as_of",
    "delivery_status",
    "sector_id",
    "ring_id",
)


class ListedMeasure:
    """
    A live measure as the radar and its list show it: the fields of ``LISTED_FIELDS``, its
    ``sector`` and ``ring`` (the radar's own objects, shared), and what the radar adds
    (``radar_url``, ``radar_number``, ``radar_marker``). A page object per measure cost a radar of
    1,000 measures about 30 ms of its first render; an overriding ``measure_list.html`` reads
    these names.
    """

    __slots__ = LISTED_FIELDS + ("sector", "ring", "radar_url", "radar_number", "radar_marker")

    def __init__(self, values, sectors, rings):
        for name, value in zip(LISTED_FIELDS, values, strict=True):
            setattr(self, name, value)
        self.sector = sectors.get(self.sector_id)
        self.ring = rings.get(self.ring_id)
        self.radar_url = self.radar_number = None
        self.radar_marker = ""

    @property
    def url(self):
        return self.radar_url

    @property
    def progress_is_stale(self):
        return is_stale(self)

    def get_delivery_status_display(self):
        return DeliveryStatus(self.delivery_status).label if self.delivery_status in DeliveryStatus else ""


def listed_measures(measures, sectors, rings):
    """``measures`` (a queryset of measure pages) as ``ListedMeasure`` rows, in one query."""
    sectors = {sector.pk: sector for sector in sectors}
    rings = {ring.pk: ring for ring in rings}
    rows = measures.select_related(None).values_list(*LISTED_FIELDS)
    return [ListedMeasure(values, sectors, rings) for values in rows]


def title_items(measures):
    """``<li>`` items with number, linked title and flags, as ``measure_list.html`` writes them
    when the list is not detailed."""
    flags = {marker: str(label) for marker, label in MARKER_LABELS.items()}
    parts = []
    for measure in measures:
        number = getattr(measure, "radar_number", None)
        value = f' value="{escape(number)}"' if number else ""
        url = getattr(measure, "radar_url", None) or measure.url
        item = f'<li{value}><a href="{escape(url)}">{escape(measure.title)}</a>'
        flag = flags.get(getattr(measure, "radar_marker", ""))
        if flag:
            item += f' <span class="digiradar-flag digiradar-flag-info">{escape(flag)}</span>'
        if measure.delivery_status != "on_track":
            item += f' <span class="digiradar-flag">{escape(measure.get_delivery_status_display())}</span>'
        parts.append(item + "</li>")
    return mark_safe("".join(parts))  # every text from the database went through escape()


@dataclass
class RingGroup:
    ring: object
    measures: list = field(default_factory=list)

    @property
    def title_items(self):
        return title_items(self.measures)


@dataclass
class SectorGroup:
    sector: object
    rings: list

    @property
    def count(self):
        return sum(len(group.measures) for group in self.rings)


def live_measures(radar):
    """The radar's live measures with what a list or a blip shows, in a fixed query count."""
    return (
        MeasurePage.objects.child_of(radar)
        .live()
        .public()
        .select_related("sector", "ring", "lead_department")
        .order_by("sector__sort_order", "ring__sort_order", "title", "pk")
    )


def radar_listing(radar, measures=None, sectors=None, rings=None):
    """Group ``measures`` (default: all live ones) by the radar's sectors, then rings."""
    sectors = list(radar.sectors.all()) if sectors is None else sectors
    rings = list(radar.rings.all()) if rings is None else rings
    groups = {(s.pk, r.pk): RingGroup(r) for s in sectors for r in rings}
    measures = list(live_measures(radar) if measures is None else measures)
    for measure in measures:
        group = groups.get((measure.sector_id, measure.ring_id))
        if group is not None:
            group.measures.append(measure)
    return {
        "sectors": [SectorGroup(s, [groups[(s.pk, r.pk)] for r in rings]) for s in sectors],
        "rings": rings,
        "count": len(measures),
    }
