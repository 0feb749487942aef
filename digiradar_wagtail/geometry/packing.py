"""Packing equal circles into one annular wedge (internal helper of ``geometry``).

Angles are in radians, measured clockwise from the top (12 o'clock), the
same convention as the public API (which uses degrees).  A wedge is given by
its inner radius ``a``, outer radius ``b``, start angle and angular ``span``.

Centres are laid out on concentric rows (arcs), a bent hexagonal lattice:

* along a row, consecutive centres are exactly one chord ``s`` apart;
* the next row is either ``s * sqrt(3)/2`` further out, filled greedily while
  skipping the angles that would come closer than ``s`` to a centre of the
  previous row, or a full ``s`` further out and free; the option with more
  centres per unit of radius wins (curvature slowly breaks the hexagonal
  offset, and a free row resets it).  Rows two apart are at least
  ``s * sqrt(3) > s`` away, so only adjacent rows need checking;
* every circle of radius ``r`` keeps ``margin`` away from the four edges: the
  radial edges by the row bounds, the straight edges by requiring
  ``rho * sin(angle from edge) >= r + margin`` (distance to the edge's line,
  a lower bound of the distance to the edge itself).

Everything is deterministic: no randomness, no dependence on input order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

_ROW_PITCH = math.sqrt(3) / 2
_EPS = 1e-9


def _fill_row(lo: float, hi: float, step: float, prev: tuple[float, ...], delta: float) -> list[float]:
    """Greedy left-to-right angles in [lo, hi], ``step`` apart, outside the
    open intervals (p - delta, p + delta) around the previous row's angles."""
    # The radar's hottest loop (a 1,000-measure layout runs it some 100,000 times): local names,
    # no min(), and a plain loop once the previous row is passed; the same sums as a naive loop.
    out: list[float] = []
    append = out.append
    phi, p, n_prev, end = lo, 0, len(prev), hi + _EPS
    while p < n_prev and phi <= end:
        while p < n_prev and prev[p] + delta <= phi:
            p += 1
        if p < n_prev and prev[p] - delta < phi:
            phi = prev[p] + delta  # jump past the conflict, then re-check
            continue
        append(phi if phi < hi else hi)
        phi += step
    while phi <= end:
        append(phi if phi < hi else hi)
        phi += step
    return out


def _rows(
    first: float,
    last: float,
    start: float,
    span: float,
    clear: float,
    s: float,
    limit: int | None,
    lanes: tuple[float, float] = (0.0, 0.0),
) -> tuple[list[tuple[float, float]], float]:
    """Rows from radius ``first`` outwards; returns the centres and the last row's radius."""
    points: list[tuple[float, float]] = []
    prev: tuple[float, ...] = ()
    prev_rho = -math.inf
    pitch = s * _ROW_PITCH
    while True:
        # A row is either hexagonally offset from the previous one (closer,
        # but its centres must dodge the previous row) or a full ``s`` further
        # out (free).  Curvature slowly breaks the hexagonal offset, so pick
        # whichever gives more centres per unit of radius.
        best: tuple[float, list[float]] | None = None
        best_score = -1.0
        options = [first] if prev_rho == -math.inf else [prev_rho + pitch, prev_rho + s]
        for rho in options:
            if rho > last + _EPS:
                break
            row = _row(rho, start, span, clear, s, prev if rho - prev_rho < s else (), prev_rho, lanes)
            score = len(row) / (rho - prev_rho) if prev else len(row)
            if score > best_score:
                best, best_score = (rho, row), score
        if best is None:
            return points, prev_rho
        rho, row = best
        points.extend((rho, phi) for phi in row)
        if limit is not None and len(points) >= limit:
            return points, rho
        prev, prev_rho = row, rho


@lru_cache(maxsize=4096)
def _row(
    rho: float,
    start: float,
    span: float,
    clear: float,
    s: float,
    prev: tuple[float, ...],
    prev_rho: float,
    lanes: tuple[float, float] = (0.0, 0.0),
) -> tuple[float, ...]:
    """Angles of one row at radius ``rho``, avoiding the previous row ``prev``; ``lanes`` widen
    the clearance from the start and the end edge.  Cached: the search for a ring's size and for
    a cell's spacing asks for the same rows again and again (two thirds of them at 1,000 blips)."""
    lo = start + math.asin(min(1.0, (clear + lanes[0]) / rho))
    hi = start + span - math.asin(min(1.0, (clear + lanes[1]) / rho))
    if lo > hi + _EPS:
        return ()
    step = 2 * math.asin(s / (2 * rho)) if s < 2 * rho else math.inf
    delta = 0.0
    if prev:
        # Angular half-width around a previous-row centre where we would be
        # closer than s (law of cosines).
        cos_d = (rho * rho + prev_rho * prev_rho - s * s) / (2 * rho * prev_rho)
        delta = math.acos(max(-1.0, min(1.0, cos_d)))
    row = _fill_row(lo, hi, step, prev, delta)
    slack = hi - row[-1] if row else 0.0
    if slack > _EPS:  # centre the row when that does not cost a centre
        centred = _fill_row(lo + slack / 2, hi, step, prev, delta)
        if len(centred) == len(row):
            row = centred
    return tuple(row)


def lattice(
    a: float,
    b: float,
    start: float,
    span: float,
    r: float,
    s: float,
    margin: float,
    limit: int | None = None,
    lanes: tuple[float, float] = (0.0, 0.0),
) -> list[tuple[float, float]]:
    """Centres ``(rho, phi)`` of circles of radius ``r``, pairwise at least
    ``s`` apart (``s >= 2r``), each with ``margin`` clearance inside the wedge
    (plus ``lanes[0]`` from the start edge and ``lanes[1]`` from the end edge).

    With ``limit``, stops as soon as that many centres are found (a quick
    "does it fit" check).  Without, the rows are also centred radially when
    that does not lose centres, so that sparse cells look balanced.  Both
    agree: ``len(lattice(..)) >= n`` iff ``len(lattice(.., limit=n)) >= n``.
    """
    clear = r + margin
    # The first row must be far enough out for one circle to fit between the
    # two straight edges (matters for the pie-slice cells of ring 0).
    first = max(a + clear, (clear + max(lanes)) / math.sin(min(span, math.pi) / 2))
    last = b - clear
    if first > last + _EPS:
        return []
    points, last_rho = _rows(first, last, start, span, clear, s, limit, lanes)
    if limit is None and points and last - last_rho > _EPS:
        shifted, _ = _rows(first + (last - last_rho) / 2, last, start, span, clear, s, None, lanes)
        if len(shifted) >= len(points):
            points = shifted
    return points


def forget_rows() -> None:
    """Empty the cache of rows: ``layout_radar`` starts each layout afresh, so that memory stays
    bounded and a layout costs the same whether or not the same radar was laid out before."""
    _row.cache_clear()


def radius_levels(r_min: float, r_max: float, count: int = 12) -> list[float]:
    """Blip radii from r_min to r_max, in geometric steps (ring planning)."""
    return [r_min * (r_max / r_min) ** (k / (count - 1)) for k in range(count)]


def fits(
    a: float,
    b: float,
    span: float,
    n: int,
    r: float,
    gap: float,
    margin: float,
    lanes: tuple[float, float] = (0.0, 0.0),
) -> bool:
    """Do ``n`` circles of radius ``r`` fit in the wedge (as ``pack`` lays them)?"""
    return len(lattice(a, b, 0.0, span, r, 2 * r + gap, margin, limit=n, lanes=lanes)) >= n


def pack(
    a: float,
    b: float,
    start: float,
    span: float,
    n: int,
    r_min: float,
    r_max: float,
    gap: float,
    margin: float,
    tries: Sequence[float] = (),
    lanes: tuple[float, float] = (0.0, 0.0),
) -> tuple[float, list[tuple[float, float]]] | None:
    """Place ``n`` circles as large and as spread out as possible.

    Binary-searches the largest centre spacing ``s`` at which the lattice still
    holds ``n`` circles; the radius follows the spacing (``(s - gap) / 2``)
    clamped to ``r_max``.  Returns ``(radius, centres)`` with exactly ``n``
    centres, or ``None`` if ``n`` circles of radius ``r_min`` do not fit, nor
    of any radius in ``tries`` (the radii the ring planning checked with
    ``fits``: capacity is only nearly monotone in the radius).
    """

    def radius(s: float) -> float:
        return min(r_max, (s - gap) / 2)

    # Work at start angle 0 and rotate at the end, so that this search sees
    # exactly the same lattices as ``fits`` did when the rings were planned.
    def holds(s: float) -> bool:
        return len(lattice(a, b, 0.0, span, radius(s), s, margin, limit=n, lanes=lanes)) >= n

    lo = 2 * r_min + gap
    if n <= 0:
        return None
    if not holds(lo):
        lo = next((2 * r + gap for r in tries if r <= r_max and holds(2 * r + gap)), 0.0)
        if not lo:
            return None
    hi = max(lo, 2 * b)  # any two points of the wedge are closer than 2b
    if holds(hi):
        lo = hi
    else:
        # Invariant: holds(lo).  Capacity is only roughly monotone in s, which
        # is fine: we always keep a spacing that was actually checked.
        while hi - lo > 0.01:
            mid = (lo + hi) / 2
            if holds(mid):
                lo = mid
            else:
                hi = mid
    r = radius(lo)
    found = lattice(a, b, 0.0, span, r, lo, margin, lanes=lanes)
    # Take n of the m lattice points, evenly spread over the (row-major) list.
    m = len(found)
    chosen = [found[int((k + 0.5) * m / n)] for k in range(n)]
    return r, [(rho, start + phi) for rho, phi in chosen]
