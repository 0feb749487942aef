"""Radar geometry: where rings, sectors, cells and blips go, in plain Python.

No Django here: the result is plain frozen dataclasses that a server-side
template turns into SVG.

Public API
----------
``layout_radar(sectors, rings, blips=(), size=800, lanes=(), lane=0) -> RadarLayout``
    Full layout: rings, sectors, cell paths, placed blips and clusters.
    ``lanes`` are sector boundaries (boundary ``k`` starts sector ``k``) along
    which a band ``lane`` wide on each side stays free of blips: room for
    labels that no blip may cover.
``radar_frame(sectors, rings, blips=(), size=800) -> RadarFrame``
    Rings and sectors only (legend, labels); same radii as ``layout_radar``
    for the same arguments.
``polar_to_xy(cx, cy, r, angle_deg) -> (x, y)``
    Angle in degrees, clockwise from the top.
``wedge_path(cx, cy, inner, outer, start_deg, end_deg) -> str``
    SVG path ``d`` of an annular wedge (a pie slice when ``inner == 0``).
Data classes: ``BlipInput`` (input), ``RadarLayout``, ``RadarFrame``,
``Ring``, ``Sector``, ``Cell``, ``Blip``, ``Cluster`` (output).

Conventions
-----------
SVG space: origin top-left, view box ``0 0 size size``, centre
``(size/2, size/2)``.  ``S`` sectors (2..12) of equal angle, sector 0 starts at
the top, going clockwise.  ``R`` rings (2..6), ring 0 innermost.  All output
floats are rounded to 2 decimals.  Lengths scale with ``size`` (figures here
are for 800): outer radius 336 (sector labels anchored at 368), blip radius
15.2 max, 2.8 min, gap between blips >= 1.6 (``RadarLayout.gap``), clearance
from the cell's edges >= 2 (``RadarLayout.margin``); both guarantees hold on
the rounded output.

Algorithm
---------
1. Blips are validated and sorted by ``(sector, ring, id)``; that order gives
   the 1-based ``index`` and makes the output independent of input order.
2. Ring radii (shared with ``radar_frame``).  A ring's demand is its most
   crowded cell.  For a common blip radius r, stack the narrowest rings
   (inside out, each at least a minimum width) in which those cells hold
   their blips; take the largest r, in 12 geometric steps from min to max,
   for which the stack fits in the radar.  The spare room then goes to the
   narrowest rings, so rings stay as equal as demand allows (exactly equal
   for a typical radar).  Cells that cannot fit at the minimum radius even
   if their ring took all the room, and then, while the stack still
   overflows, the biggest remaining cells, are planned as clusters (one mark).
3. Each cell is packed on its own (``packing.pack``): a bent hexagonal
   lattice whose spacing is binary-searched to be as large as possible, so
   sparse cells get full-size, spread-out blips and crowded cells smaller
   ones.  Blips keep ``margin`` inside their own cell, so blips of different
   cells cannot overlap either.
4. A cell whose blips do not fit even at the minimum radius becomes one
   ``Cluster`` (count + ids) instead: no blip is ever dropped.

Capacity (nearly independent of ``size``) of one cell holding all the blips:
12 sectors x 6 rings: 354 in ring 0, 378, 408, 432, 465, and 504 in ring 5;
12 x 2: 412 / 518; 2 x 6: 2,231 to 3,290.  Other blips elsewhere lower it a
little, as their rings take room.  1,000 blips lay out in about 30 ms.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .packing import fits, forget_rows, pack, radius_levels

BlipId = int | str

MIN_SECTORS, MAX_SECTORS = 2, 12
MIN_RINGS, MAX_RINGS = 2, 6
MIN_SIZE = 100

# Proportions of ``size``.
_OUTER = 0.42  # outer radius of the radar
_LABEL = 0.46  # radius of the sector label anchors
_BLIP_MAX = 0.019
_BLIP_MIN = 0.0035
_CLUSTER_MAX = 0.03
_GAP = 0.002
_MARGIN = 0.0025
_MIN_RING = 0.2  # minimum ring width, as a fraction of the equal width


# ---------------------------------------------------------------- data classes


@dataclass(frozen=True)
class BlipInput:
    """One measure to place; ``id`` must be unique and stable (int or str)."""

    id: BlipId
    sector: int
    ring: int


@dataclass(frozen=True)
class Ring:
    index: int
    inner: float
    outer: float


@dataclass(frozen=True)
class Sector:
    index: int
    start: float  # degrees, clockwise from the top
    end: float
    label_x: float
    label_y: float
    label_anchor: str  # SVG text-anchor: "start", "middle" or "end"


@dataclass(frozen=True)
class Cell:
    sector: int
    ring: int
    d: str  # SVG path of the annular wedge
    count: int  # number of input blips in the cell


@dataclass(frozen=True)
class Blip:
    id: BlipId
    sector: int
    ring: int
    x: float
    y: float
    radius: float
    index: int  # 1-based, reading order (sector, ring, id)


@dataclass(frozen=True)
class Cluster:
    """Stands for all the blips of a cell too crowded to draw them."""

    sector: int
    ring: int
    x: float
    y: float
    radius: float
    count: int
    ids: tuple[BlipId, ...]  # reading order
    first_index: int  # the cell's blips have indexes first_index..last_index
    last_index: int


@dataclass(frozen=True)
class RadarFrame:
    size: float
    center: float  # the centre is (center, center)
    rings: tuple[Ring, ...]
    sectors: tuple[Sector, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {_fmt(self.size)} {_fmt(self.size)}"


@dataclass(frozen=True)
class RadarLayout:
    size: float
    center: float
    gap: float  # guaranteed minimum gap between two blips' circles
    margin: float  # guaranteed minimum clearance of a blip from its cell's edges
    rings: tuple[Ring, ...]
    sectors: tuple[Sector, ...]
    cells: tuple[Cell, ...]  # sector-major order
    blips: tuple[Blip, ...]  # reading order
    clusters: tuple[Cluster, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {_fmt(self.size)} {_fmt(self.size)}"


# ---------------------------------------------------------------- small helpers


def _round(v: float) -> float:
    return round(v, 2) + 0.0  # "+ 0.0" turns -0.0 into 0.0


def _fmt(v: float) -> str:
    text = f"{_round(v):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def polar_to_xy(cx: float, cy: float, r: float, angle_deg: float) -> tuple[float, float]:
    """Point at distance ``r`` from (cx, cy), ``angle_deg`` clockwise from the top."""
    a = math.radians(angle_deg)
    return cx + r * math.sin(a), cy - r * math.cos(a)


def _arc(cx: float, cy: float, r: float, a0: float, a1: float) -> str:
    """SVG arc commands from angle a0 to a1 (degrees), from the current point.

    Arcs of 180 degrees or more are split in two: a half circle's end points
    are opposite, which leaves the SVG arc ambiguous.
    """
    span = a1 - a0
    sweep = 1 if span > 0 else 0  # 1 = clockwise on screen (y points down)
    if abs(span) >= 180:
        mid = (a0 + a1) / 2
        return _arc(cx, cy, r, a0, mid) + " " + _arc(cx, cy, r, mid, a1)
    large = 1 if abs(span) > 180 else 0
    x, y = polar_to_xy(cx, cy, r, a1)
    return f"A {_fmt(r)} {_fmt(r)} 0 {large} {sweep} {_fmt(x)} {_fmt(y)}"


def wedge_path(cx: float, cy: float, inner: float, outer: float, start_deg: float, end_deg: float) -> str:
    """SVG path ``d`` of the annular wedge; a pie slice when ``inner`` is 0."""
    x0, y0 = polar_to_xy(cx, cy, outer, start_deg)
    parts = [f"M {_fmt(x0)} {_fmt(y0)}", _arc(cx, cy, outer, start_deg, end_deg)]
    if inner > 0:
        x1, y1 = polar_to_xy(cx, cy, inner, end_deg)
        parts += [f"L {_fmt(x1)} {_fmt(y1)}", _arc(cx, cy, inner, end_deg, start_deg)]
    else:
        parts.append(f"L {_fmt(cx)} {_fmt(cy)}")
    parts.append("Z")
    return " ".join(parts)


# ---------------------------------------------------------------- validation


def _check_int(name: str, value: object, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{name} must be an integer from {lo} to {hi}, got {value!r}")
    return value


def _check_size(size: object) -> float:
    if (
        isinstance(size, bool)
        or not isinstance(size, (int, float))
        or not math.isfinite(size)
        or size < MIN_SIZE
    ):
        raise ValueError(f"size must be a number >= {MIN_SIZE}, got {size!r}")
    return float(size)


def _id_key(blip_id: BlipId) -> tuple[int, int | str]:
    # ints before strs, so mixed ids still sort deterministically
    return (0, blip_id) if isinstance(blip_id, int) else (1, str(blip_id))


def _sorted_blips(blips: Iterable[BlipInput], sectors: int, rings: int) -> list[BlipInput]:
    out, seen = [], set()
    for blip in blips:
        if isinstance(blip.id, bool) or not isinstance(blip.id, (int, str)):
            raise ValueError(f"blip id must be an int or a str, got {blip.id!r}")
        _check_int(f"sector of blip {blip.id!r}", blip.sector, 0, sectors - 1)
        _check_int(f"ring of blip {blip.id!r}", blip.ring, 0, rings - 1)
        if blip.id in seen:
            raise ValueError(f"duplicate blip id {blip.id!r}")
        seen.add(blip.id)
        out.append(blip)
    out.sort(key=lambda b: (b.sector, b.ring, _id_key(b.id)))
    return out


# ---------------------------------------------------------------- the frame


class _Params:
    """Absolute lengths for one size (internal, unrounded)."""

    def __init__(self, size: float, sectors: int, rings: int, lane: float = 0.0):
        self.size = size
        self.c = size / 2
        self.outer = size * _OUTER
        self.span = 2 * math.pi / sectors
        # Internal gap/margin include a slack so that the guarantees still
        # hold after rounding every output value to 2 decimals.
        slack = 0.05 + size * 1e-4
        self.gap, self.margin = size * _GAP, size * _MARGIN
        self.gap_in, self.margin_in = self.gap + slack, self.margin + slack
        self.r_min, self.r_max = size * _BLIP_MIN, size * _BLIP_MAX
        # Rings are planned as if every cell had a lane on both edges: a cell
        # with fewer lanes only has more room.
        self.lane = lane
        self.plan_lanes = (lane, lane)
        clear = self.r_min + self.margin_in
        w_min = max(_MIN_RING * self.outer / rings, 2 * clear + 1)
        # Ring 0 is a pie slice: one circle needs rho >= clear / sin(span/2).
        w_min0 = max(w_min, (clear + lane) * (1 + 1 / math.sin(min(self.span, math.pi) / 2)) + 1)
        self.min_widths = [w_min0] + [w_min] * (rings - 1)


def _bounds(widths: list[float], outer: float) -> list[float]:
    out = [0.0]
    for w in widths:
        out.append(out[-1] + w)
    out[-1] = outer  # absorb float drift (the last ring only gains)
    return out


def _spread(need: list[float], total: float) -> list[float]:
    """Widths as equal as possible but each >= its need (sum(need) <= total):
    w_i = max(need_i, lam) with lam such that the widths sum to total."""
    lo, hi = 0.0, total
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(max(n, mid) for n in need) <= total:
            lo = mid
        else:
            hi = mid
    return [max(n, lo) for n in need]


def _ring_bounds(p: _Params, rings: int, counts: Counter, sectors: int) -> tuple[list[float], list[float]]:
    """Ring boundaries b_0 = 0 < ... < b_R = outer radius (module doc, step 2),
    and the blip radii the plan relies on (for ``pack``)."""
    levels = radius_levels(p.r_min, p.r_max)

    def fit(a: float, b: float, n: int, r: float) -> bool:
        return fits(a, b, p.span, n, r, p.gap_in, p.margin_in, p.plan_lanes)

    def stack(demand: list[int], r: float) -> list[float] | None:
        """Narrowest rings, inside out, whose most crowded cells hold their
        blips at radius r; None if they do not fit in the radar."""
        b = [0.0]
        for i, n in enumerate(demand):
            a = b[-1]
            lo, hi = a + p.min_widths[i], p.outer - sum(p.min_widths[i + 1 :])
            if lo > hi + 1e-9:
                return None
            if n and not fit(a, lo, n, r):
                if not fit(a, hi, n, r):
                    return None
                while hi - lo > 0.25:  # fit(a, hi) holds throughout
                    mid = (lo + hi) / 2
                    lo, hi = (lo, mid) if fit(a, mid, n, r) else (mid, hi)
                lo = hi
            b.append(lo)
        return b

    # Cells that cannot fit even if their ring took all the room will be
    # clusters (whose one mark counts as one blip).  If the rings still do
    # not fit at the smallest radius, cluster the biggest cell left, again.
    by_ring = [[counts.get((s, i), 0) for s in range(sectors)] for i in range(rings)]
    clustered: set[tuple[int, int]] = set()
    for i, cell_counts in enumerate(by_ring):
        b = _bounds(
            [p.outer - sum(p.min_widths) + w if j == i else w for j, w in enumerate(p.min_widths)], p.outer
        )
        clustered |= {
            (s, i) for s, n in enumerate(cell_counts) if n and not fit(b[i], b[i + 1], n, levels[0])
        }
    while True:
        demand = [
            max([1 if (s, i) in clustered else n for s, n in enumerate(cell_counts)])
            for i, cell_counts in enumerate(by_ring)
        ]
        if stack(demand, levels[0]) is not None:
            break
        # Min widths leave room for one mark per cell, so this ends at the
        # latest when every crowded cell is a cluster.
        _, s, i = max(
            (n, -s, -i)
            for i, cc in enumerate(by_ring)
            for s, n in enumerate(cc)
            if n and (s, i) not in clustered
        )
        clustered.add((-s, -i))

    # Largest radius level at which all rings fit (capacity is nearly
    # monotone in the radius, so a bisection over the levels is enough).
    lo, hi = 0, len(levels) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if stack(demand, levels[mid]) is not None else (lo, mid - 1)
    r = levels[lo]
    tight = stack(demand, r)
    assert tight is not None
    tries = levels[: lo + 1]

    # Hand out the spare room so that rings are as equal as possible; keep it
    # only if every ring still holds its blips (moving a ring outwards nearly
    # always adds room), else give the spare room to the outer ring.
    need = [hi - lo for lo, hi in zip(tight, tight[1:], strict=False)]
    b = _bounds(_spread(need, p.outer), p.outer)
    if all(fit(b[i], b[i + 1], n, r) for i, n in enumerate(demand) if n):
        return b, tries
    return _bounds(need, p.outer), tries


def _check_lane(lane: object, size: float) -> float:
    if isinstance(lane, bool) or not isinstance(lane, (int, float)) or not 0 <= lane <= size * 0.05:
        raise ValueError(f"lane must be a number from 0 to 5% of the size, got {lane!r}")
    return float(lane)


def _plan(sectors: int, rings: int, blips: Iterable[BlipInput], size: float, lane: float = 0.0):
    """Validate, sort, and plan the rings: what both public functions share."""
    sectors = _check_int("sectors", sectors, MIN_SECTORS, MAX_SECTORS)
    rings = _check_int("rings", rings, MIN_RINGS, MAX_RINGS)
    size = _check_size(size)
    p = _Params(size, sectors, rings, _check_lane(lane, size))
    ordered = _sorted_blips(blips, sectors, rings)
    counts = Counter((b.sector, b.ring) for b in ordered)
    bounds, tries = _ring_bounds(p, rings, counts, sectors)

    ring_objs = tuple(Ring(i, _round(bounds[i]), _round(bounds[i + 1])) for i in range(rings))
    sector_objs = []
    step = 360 / sectors
    for i in range(sectors):
        mid = (i + 0.5) * step
        lx, ly = polar_to_xy(p.c, p.c, p.size * _LABEL, mid)
        sin_mid = math.sin(math.radians(mid))
        anchor = "middle" if abs(sin_mid) < 0.1 else ("start" if sin_mid > 0 else "end")
        sector_objs.append(
            Sector(i, _round(i * step), _round((i + 1) * step), _round(lx), _round(ly), anchor)
        )
    frame = RadarFrame(_round(p.size), _round(p.c), ring_objs, tuple(sector_objs))
    return p, ordered, counts, bounds, tries, frame


def radar_frame(sectors: int, rings: int, blips: Iterable[BlipInput] = (), size: float = 800) -> RadarFrame:
    """Rings and sectors only (for legends and labels).

    Ring radii depend on how blips are spread, so pass the same ``blips`` as to
    ``layout_radar`` to get the same radii (or none for equal rings).
    """
    return _plan(sectors, rings, blips, size)[-1]


# ---------------------------------------------------------------- the layout


def layout_radar(
    sectors: int,
    rings: int,
    blips: Iterable[BlipInput] = (),
    size: float = 800,
    lanes: Iterable[int] = (),
    lane: float = 0.0,
) -> RadarLayout:
    """Lay out a radar; raises ValueError on invalid counts, size, lanes or blips."""
    forget_rows()
    lanes = frozenset(lanes)
    p, ordered, counts, bounds, tries, frame = _plan(sectors, rings, blips, size, lane if lanes else 0.0)
    sectors, rings = len(frame.sectors), len(frame.rings)
    for boundary in lanes:
        _check_int("lane boundary", boundary, 0, sectors - 1)

    by_cell: dict[tuple[int, int], list[tuple[int, BlipInput]]] = {}
    for index, blip in enumerate(ordered, start=1):
        by_cell.setdefault((blip.sector, blip.ring), []).append((index, blip))

    def xy(rho: float, phi: float) -> tuple[float, float]:
        return _round(p.c + rho * math.sin(phi)), _round(p.c - rho * math.cos(phi))

    step = 360 / sectors
    cells, placed, clusters = [], [], []
    for s in range(sectors):
        for r in range(rings):
            a, b = bounds[r], bounds[r + 1]
            cells.append(
                Cell(s, r, wedge_path(p.c, p.c, a, b, s * step, (s + 1) * step), counts.get((s, r), 0))
            )
            members = by_cell.get((s, r))
            if not members:
                continue
            start = s * p.span
            cell_lanes = (p.lane if s in lanes else 0.0, p.lane if (s + 1) % sectors in lanes else 0.0)
            result = pack(
                a, b, start, p.span, len(members), p.r_min, p.r_max, p.gap_in, p.margin_in, tries, cell_lanes
            )
            if result is not None:
                radius, centres = result
                for (index, blip), centre in zip(members, centres, strict=True):
                    placed.append(Blip(blip.id, s, r, *xy(*centre), _round(radius), index))
                continue
            # Too crowded even with the smallest marks: one cluster mark.
            r_cluster = p.size * _CLUSTER_MAX
            one = pack(a, b, start, p.span, 1, p.r_min, r_cluster, p.gap_in, p.margin_in, tries, cell_lanes)
            assert one is not None, "the ring planning leaves room for one mark per cell"
            radius, [centre] = one
            ids = tuple(blip.id for _, blip in members)
            clusters.append(
                Cluster(s, r, *xy(*centre), _round(radius), len(ids), ids, members[0][0], members[-1][0])
            )

    return RadarLayout(
        size=frame.size,
        center=frame.center,
        gap=_round(p.gap),
        margin=_round(p.margin),
        rings=frame.rings,
        sectors=frame.sectors,
        cells=tuple(cells),
        blips=tuple(placed),
        clusters=tuple(clusters),
    )
