"""The radar page's list of measures, grouped by sector and ring, with counts."""

from dataclasses import dataclass, field

from ..models import MeasurePage


@dataclass
class RingGroup:
    ring: object
    measures: list = field(default_factory=list)


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
