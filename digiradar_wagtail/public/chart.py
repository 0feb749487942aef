"""
The radar picture for one radar page: blips placed by ``radar.geometry``, with the
"new" and "moved in/out" markers that the measures' history gives.

Ring order: editors list rings earliest phase first, and the earliest phase is drawn
outermost, so measures move inwards as they progress (as on a technology radar).

Legibility: the SVG scales with the width it gets, so a text's size on screen is its size in
user units times that scale. The stylesheet sets the label sizes per width of the radar's
container (``@container digiradar-radar``, breakpoints ``TEXT_STEPS``) so that every label is
at least 12 CSS px; a blip's number, or a ring name that would be smaller than that, or longer
than its room, carries a class that hides it below the width at which it is legible. Ring names
sit in lanes along two sector boundaries that the geometry keeps free of blips. One sector can
be drawn alone (``sector=``): a quarter circle whose rings fill the drawing.
"""

import math
from dataclasses import dataclass

from ..geometry import BlipInput, layout_radar, polar_to_xy
from ..models import MeasureHistoryEntry
from ..models.history import MOVED_IN, NEW, marker_period_start, movement

# Container widths (CSS px) from which digiradar.css shows a text with the class
# ``digiradar-t<index>``; the first is the narrowest container the sizes are made for.
TEXT_STEPS = (320, 400, 480, 560, 640, 720, 800, 960, 1200)
MIN_TEXT_PX = 12
# Label sizes in user units from a container width on, as digiradar.css sets them.
RING_FONT = {"overview": ((720, 14), (480, 20), (0, 30)), "sector": ((720, 8), (480, 10), (0, 14))}
SECTOR_ROW = 40  # user units between two rows of sector names (at most 32 high, digiradar.css)
LANE = 14.0  # half-width of a ring-name lane, user units; blips keep 2 more
EM_WIDTH = 0.6  # average width of a character in em, generous for system sans-serif fonts
EM_HEIGHT = 1.2  # height of a text's box in em
PAD = 6.0
CHART_SIZE = 800


def font_at(sizes, width):
    return next(font for above, font in sizes if width >= above)


def legible_from(sizes, view_width, length=0.0, room=None, height=None):
    """The index in ``TEXT_STEPS`` from which a text is at least ``MIN_TEXT_PX`` on screen and,
    if given, ``length`` em fit in ``room`` and its box in ``height`` (user units); ``None`` if
    never. ``sizes`` is a font size in user units or ``((from_width, size), ...)``."""
    for step, width in enumerate(TEXT_STEPS):
        font = font_at(sizes, width) if isinstance(sizes, tuple) else sizes
        if font * width / view_width < MIN_TEXT_PX:
            continue
        if room is not None and length * font > room:
            continue
        if height is not None and EM_HEIGHT * font > height:
            continue
        return step
    return None


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
    number_step: int | None  # index in TEXT_STEPS from which the number is legible; None: never
    colour: str

    @property
    def show_number(self):
        return self.number_step is not None

    @property
    def number_size(self):
        return number_size(self.radius, self.marker, self.index)


def number_size(radius, marker, index):
    """Font size of the number inside a blip: as large as fits (numbers reach 3 digits)."""
    # A triangle's or a diamond's number runs over its edges, inside the blip's circle: it has a
    # dark outline there (``digiradar-blip-number-halo``), so it stays legible on white.
    room = 1.0 if not marker else 0.9
    scale = 1.15 if index < 100 else 0.85
    return round(radius * room * scale, 2)


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
    band: bool  # every other ring is shaded, so rings can be told apart without colour
    label_x: float
    label_y: float
    label_anchor: str
    label_rotate: float  # degrees, about (label_x, label_y): the text runs along its lane
    label_step: int | None  # from which of TEXT_STEPS the name is legible and fits; None: never


@dataclass(frozen=True)
class ChartSector:
    sector: object
    label_x: float
    label_y: float
    anchor: str
    line_x: float
    line_y: float
    count: int = 0


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
    box: tuple  # x, y, width, height of the view box
    numbers: dict  # measure pk -> its number on the radar and in the list (also in a cluster)
    sector: object = None  # the one sector drawn alone, or None for the whole radar

    @property
    def view_box(self):
        return " ".join(f"{value:g}" for value in self.box)


# What ``models.history.movement`` reads of an entry (``is_first`` and ``ring_changed`` included).
HISTORY_FIELDS = ("measure_key", "recorded_at", "ring_key", "previous_ring_key", "previous_progress_percent")


def markers_for(measures, rings, now=None, measure_keys=None):
    """Map measure translation_key -> marker (``models.history.movement``), in one query.

    ``measure_keys``, a query of the measures' keys, spares the database a list of a thousand
    parameters (and Django the time to build it)."""
    since = marker_period_start(now)
    position = {ring.translation_key: index for index, ring in enumerate(rings)}
    wanted = {measure.translation_key for measure in measures}
    entries = {}
    recent = (
        MeasureHistoryEntry.objects.filter(
            measure_key__in=list(wanted) if measure_keys is None else measure_keys, recorded_at__gte=since
        )
        .order_by()  # movement() sorts each measure's entries itself
        .only(*HISTORY_FIELDS)
    )
    for entry in recent:
        if entry.measure_key in wanted:
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
    # One decimal is a tenth of a pixel at most, and the gap between blips is 1.6 units.
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)


def _ring_labels(layout, rings, lanes, view_width, kind):
    """Ring names along the lanes: ring ``i`` (inside out) on lane ``i % 2``, so each name has
    its own ring and half of each neighbour to run in (those rings are named on the other lane)."""
    center, count = layout.center, len(layout.rings)
    step = 360 / len(layout.sectors)
    out = []
    for geometry_ring in layout.rings:
        i = geometry_ring.index
        width = geometry_ring.outer - geometry_ring.inner
        before = (layout.rings[i - 1].outer - layout.rings[i - 1].inner) / 2 if i else 0.0
        after = (layout.rings[i + 1].outer - layout.rings[i + 1].inner) / 2 if i < count - 1 else 0.0
        if i == 0:  # from the centre outwards: past the centre there may be blips
            radius, anchor, room = PAD, "start", width + after - PAD
        elif i == count - 1:  # inwards from the rim: beyond it are the sector names
            radius, anchor, room = geometry_ring.outer - PAD, "end", width + before - PAD
        else:
            radius, anchor = (geometry_ring.inner + geometry_ring.outer) / 2, "middle"
            room = width + 2 * min(before, after)
        angle = lanes[i % 2] * step
        x, y = polar_to_xy(center, center, radius, angle)
        rotate = angle - 90
        if rotate > 90:  # keep the text upright: read it inwards instead
            rotate -= 180
            anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
        ring = rings[count - 1 - i]
        out.append(
            ChartRing(
                ring=ring,
                inner=geometry_ring.inner,
                outer=geometry_ring.outer,
                band=i % 2 == 1,
                label_x=round(x, 2),
                label_y=round(y, 2),
                label_anchor=anchor,
                label_rotate=round(rotate, 2),
                label_step=legible_from(
                    RING_FONT[kind], view_width, EM_WIDTH * len(ring.name), room, 2 * LANE + 4
                ),
            )
        )
    return out


def _sector_labels(layout, sectors, counts):
    """Sector names in rows above and below the circle, at its left and right edge or centred,
    so that none runs beyond the drawing at any width; returns the labels and the rows used."""
    center, outer, size = layout.center, layout.rings[-1].outer, layout.size
    rows = {"top": {"start": 0, "end": 0, "middle": 0}, "bottom": {"start": 0, "end": 0, "middle": 0}}
    placed = []
    for geometry_sector in layout.sectors:
        mid = math.radians((geometry_sector.start + geometry_sector.end) / 2)
        band = "top" if math.cos(mid) >= -1e-9 else "bottom"
        anchor = "middle" if abs(math.sin(mid)) < 0.1 else ("end" if math.sin(mid) > 0 else "start")
        placed.append((geometry_sector, band, anchor, rows[band][anchor]))
        rows[band][anchor] += 1
    used = {band: max(r["start"], r["end"]) + r["middle"] for band, r in rows.items()}
    labels = []
    for geometry_sector, band, anchor, row in placed:
        if anchor == "middle":
            row += max(rows[band]["start"], rows[band]["end"])  # below/above the side labels
        x = {"start": 0.0, "middle": center, "end": size}[anchor]
        if band == "top":
            y = center - outer - 10 - row * SECTOR_ROW
        else:
            y = center + outer + 34 + row * SECTOR_ROW
        line_x, line_y = polar_to_xy(center, center, outer, geometry_sector.start)
        labels.append(
            ChartSector(
                sector=sectors[geometry_sector.index],
                label_x=round(x, 2),
                label_y=round(y, 2),
                anchor=anchor,
                line_x=round(line_x, 2),
                line_y=round(line_y, 2),
                count=counts.get(geometry_sector.index, 0),
            )
        )
    return labels, used


def build_chart(sectors, rings, measures, matching_ids=None, now=None, sector=None, measure_keys=None):
    """Lay out ``measures`` (all live measures of the radar) on the radar's sectors and rings;
    with ``sector``, that sector alone, in a quarter circle (numbers stay those of the whole radar)."""
    size = CHART_SIZE
    sector_index = {s.pk: index for index, s in enumerate(sectors)}
    ring_position = {ring.pk: index for index, ring in enumerate(rings)}
    ring_count = len(rings)
    placed = [m for m in measures if m.sector_id in sector_index and m.ring_id in ring_position]
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
    counts = {}
    for m in placed:
        counts[sector_index[m.sector_id]] = counts.get(sector_index[m.sector_id], 0) + 1
    if sector is not None:
        placed = [m for m in placed if m.sector_id == sector.pk]
        drawn_sectors, lanes, kind = [sector], (0, 1), "sector"

        def sector_of(m):
            return 0

        geometry_sectors = 4
    else:
        drawn_sectors, lanes, kind = sectors, (0, len(sectors) // 2), "overview"

        def sector_of(m):
            return sector_index[m.sector_id]

        geometry_sectors = len(sectors)
    by_pk = {measure.pk: measure for measure in placed}
    layout = layout_radar(
        sectors=geometry_sectors,
        rings=ring_count,
        blips=[
            BlipInput(id=m.pk, sector=sector_of(m), ring=ring_count - 1 - ring_position[m.ring_id])
            for m in placed
        ],
        size=size,
        lanes=lanes,
        lane=LANE,
    )
    markers = markers_for(placed, rings, now=now, measure_keys=measure_keys)
    center = layout.center
    outer = layout.rings[-1].outer

    if sector is not None:
        pad = 2 * PAD
        box = (center - pad, center - outer - pad, outer + 2 * pad, outer + 2 * pad)
        chart_sectors = []
        cells = [cell for cell in layout.cells if cell.sector == 0]
    else:
        chart_sectors, used = _sector_labels(layout, sectors, counts)
        top = center - outer - (10 + 30 + (used["top"] - 1) * SECTOR_ROW if used["top"] else 8)
        bottom = center + outer + (34 + 10 + (used["bottom"] - 1) * SECTOR_ROW if used["bottom"] else 8)
        box = (0, round(top, 2), size, round(bottom - top, 2))
        cells = list(layout.cells)
    view_width = box[2]
    chart_rings = _ring_labels(layout, rings, lanes, view_width, kind)

    blips = []
    for blip in layout.blips:
        measure = by_pk[blip.id]
        marker = markers.get(measure.translation_key, "")
        index = numbers[measure.pk]
        blips.append(
            ChartBlip(
                measure=measure,
                x=blip.x,
                y=blip.y,
                radius=blip.radius,
                index=index,
                marker=marker,
                shape=_shape(marker, blip.x, blip.y, blip.radius, center),
                matches=matching_ids is None or measure.pk in matching_ids,
                number_step=legible_from(number_size(blip.radius, marker, index), view_width),
                colour=drawn_sectors[blip.sector].colour,
            )
        )
    clusters = [
        ChartCluster(
            sector=drawn_sectors[cluster.sector],
            ring=rings[ring_count - 1 - cluster.ring],
            x=cluster.x,
            y=cluster.y,
            radius=cluster.radius,
            count=cluster.count,
            anchor=f"cell-{drawn_sectors[cluster.sector].slug}-{rings[ring_count - 1 - cluster.ring].slug}",
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
        cells=cells,
        box=box,
        numbers=numbers,
        sector=sector,
    )
