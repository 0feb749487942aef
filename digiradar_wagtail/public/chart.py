"""
The radar picture for one radar page: blips placed by ``radar.geometry``, with the
"new" and "moved in/out" markers that the measures' history gives.

Ring order: editors list rings earliest phase first, and the earliest phase is drawn
outermost, so measures move inwards as they progress (as on a technology radar).
"""

import math
from dataclasses import dataclass

from ..conf import digiradar_settings
from ..geometry import BlipInput, layout_radar, polar_to_xy
from ..models import MeasureHistoryEntry
from ..models.history import MOVED_IN, MOVED_OUT, NEW, marker_period_start, movement

# Numbers are printed inside blips only where they are legible.
MIN_RADIUS_FOR_NUMBER = 7.0


@dataclass(frozen=True)
class ChartBlip:
    measure: object
    x: float
    y: float
    radius: float
    index: int
    marker: str  # "", NEW, MOVED_IN or MOVED_OUT
    shape: str  # SVG points for triangles and diamonds; "" draws a circle
    matches: bool  # False: dimmed, because the filter excludes it
    show_number: bool
    colour: str

    @property
    def number_size(self):
        """Font size of the number inside the blip: as large as fits (numbers reach 3 digits)."""
        # A triangle's inscribed circle is half the blip's, a diamond's about 0.7 of it.
        room = {"": 1.0, NEW: 0.75, MOVED_IN: 0.6, MOVED_OUT: 0.6}[self.marker]
        scale = 1.15 if len(str(self.index)) < 3 else 0.85
        return round(self.radius * room * scale, 2)


@dataclass(frozen=True)
class ChartCluster:
    sector: object
    ring: object
    x: float
    y: float
    radius: float
    count: int
    anchor: str


@dataclass(frozen=True)
class ChartRing:
    ring: object
    inner: float
    outer: float
    label_y: float
    band: bool  # every other ring is shaded, so rings can be told apart without colour


@dataclass(frozen=True)
class ChartSector:
    sector: object
    label_x: float
    label_y: float
    anchor: str
    line_x: float
    line_y: float


@dataclass(frozen=True)
class RadarChart:
    size: float
    center: float
    outer: float
    rings: list
    sectors: list
    blips: list
    clusters: list
    cells: list

    @property
    def view_box(self):
        """Room beyond the circle for sector labels that run sideways (text-anchor start/end)."""
        pad_x, pad_y = round(self.size * 0.16, 2), round(self.size * 0.02, 2)
        return f"{-pad_x} {-pad_y} {self.size + 2 * pad_x} {self.size + 2 * pad_y}"

    @property
    def numbers(self):
        """Measure pk -> the number its blip shows, for the list beside the radar."""
        return {blip.measure.pk: blip.index for blip in self.blips}


def markers_for(measures, rings, now=None):
    """Map measure translation_key -> marker (``models.history.movement``), in one query."""
    since = marker_period_start(now)
    position = {ring.translation_key: index for index, ring in enumerate(rings)}
    entries = {}
    recent = MeasureHistoryEntry.objects.filter(
        measure_key__in=[measure.translation_key for measure in measures], recorded_at__gte=since
    )
    for entry in recent:
        entries.setdefault(entry.measure_key, []).append(entry)
    markers = {key: movement(rows, position, since) for key, rows in entries.items()}
    return {key: marker for key, marker in markers.items() if marker}


def _shape(marker, x, y, r, center):
    """Triangles point to the centre (moved in) or away from it (moved out); new is a diamond.

    Shapes stay inside the blip's circle, so the layout's no-overlap guarantee still holds.
    """
    if not marker:
        return ""
    if marker == NEW:
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    else:
        toward_centre = math.atan2(center - y, center - x)
        angle = toward_centre if marker == MOVED_IN else toward_centre + math.pi
        points = [
            (x + r * math.cos(angle + offset), y + r * math.sin(angle + offset))
            for offset in (0, 2 * math.pi / 3, 4 * math.pi / 3)
        ]
    return " ".join(f"{px:.2f},{py:.2f}" for px, py in points)


def build_chart(sectors, rings, measures, matching_ids=None, now=None, size=None):
    """Lay out ``measures`` (all live measures of the radar) on the radar's sectors and rings."""
    size = size or digiradar_settings.RADAR_SIZE
    sector_index = {sector.pk: index for index, sector in enumerate(sectors)}
    ring_position = {ring.pk: index for index, ring in enumerate(rings)}
    ring_count = len(rings)
    placed = [m for m in measures if m.sector_id in sector_index and m.ring_id in ring_position]
    by_pk = {measure.pk: measure for measure in placed}
    layout = layout_radar(
        sectors=len(sectors),
        rings=ring_count,
        blips=[
            BlipInput(
                id=m.pk, sector=sector_index[m.sector_id], ring=ring_count - 1 - ring_position[m.ring_id]
            )
            for m in placed
        ],
        size=size,
    )
    markers = markers_for(placed, rings, now=now)
    # Blips carry the number the list shows next to the same measure (sector, phase, title).
    numbers = {
        m.pk: number
        for number, m in enumerate(
            sorted(
                placed, key=lambda m: (sector_index[m.sector_id], ring_position[m.ring_id], m.title, m.pk)
            ),
            start=1,
        )
    }
    center = layout.center
    outer = layout.rings[-1].outer

    chart_rings = []
    for geometry_ring in layout.rings:
        ring = rings[ring_count - 1 - geometry_ring.index]
        chart_rings.append(
            ChartRing(
                ring=ring,
                inner=geometry_ring.inner,
                outer=geometry_ring.outer,
                label_y=round(center - (geometry_ring.inner + geometry_ring.outer) / 2, 2),
                band=geometry_ring.index % 2 == 1,
            )
        )
    chart_sectors = []
    for geometry_sector in layout.sectors:
        line_x, line_y = polar_to_xy(center, center, outer, geometry_sector.start)
        chart_sectors.append(
            ChartSector(
                sector=sectors[geometry_sector.index],
                label_x=geometry_sector.label_x,
                label_y=geometry_sector.label_y,
                anchor=geometry_sector.label_anchor,
                line_x=round(line_x, 2),
                line_y=round(line_y, 2),
            )
        )
    blips = []
    for blip in layout.blips:
        measure = by_pk[blip.id]
        marker = markers.get(measure.translation_key, "")
        blips.append(
            ChartBlip(
                measure=measure,
                x=blip.x,
                y=blip.y,
                radius=blip.radius,
                index=numbers[measure.pk],
                marker=marker,
                shape=_shape(marker, blip.x, blip.y, blip.radius, center),
                matches=matching_ids is None or measure.pk in matching_ids,
                show_number=blip.radius >= MIN_RADIUS_FOR_NUMBER,
                colour=sectors[blip.sector].colour,
            )
        )
    clusters = [
        ChartCluster(
            sector=sectors[cluster.sector],
            ring=rings[ring_count - 1 - cluster.ring],
            x=cluster.x,
            y=cluster.y,
            radius=cluster.radius,
            count=cluster.count,
            anchor=f"cell-{sectors[cluster.sector].slug}-{rings[ring_count - 1 - cluster.ring].slug}",
        )
        for cluster in layout.clusters
    ]
    return RadarChart(
        size=layout.size,
        center=center,
        outer=outer,
        rings=chart_rings,
        sectors=chart_sectors,
        blips=blips,
        clusters=clusters,
        cells=list(layout.cells),
    )
