"""Tests of the radar geometry: plain Python, no Django, no database."""

import math
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiradar_wagtail.geometry.layout import (
    BlipInput,
    RadarLayout,
    layout_radar,
    polar_to_xy,
    radar_frame,
    wedge_path,
)

SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ checkers


def _edge_distance(rho: float, angle_from_edge: float) -> float:
    """Distance from a point to a straight cell edge (a ray from the centre)."""
    return rho * math.sin(math.radians(angle_from_edge)) if angle_from_edge <= 90 else rho


def assert_inside_cell(
    layout: RadarLayout, sector: int, ring: int, x: float, y: float, radius: float
) -> None:
    c = layout.center
    rho = math.hypot(x - c, y - c)
    inner, outer = layout.rings[ring].inner, layout.rings[ring].outer
    start, end = layout.sectors[sector].start, layout.sectors[sector].end
    clear = radius + layout.margin
    if inner > 0:
        assert rho - clear >= inner, (sector, ring, x, y, radius)
    assert rho + clear <= outer, (sector, ring, x, y, radius)
    angle = math.degrees(math.atan2(x - c, c - y)) % 360  # clockwise from the top
    assert start <= angle <= end, (sector, angle)
    assert _edge_distance(rho, angle - start) >= clear, (sector, ring, x, y, radius)
    assert _edge_distance(rho, end - angle) >= clear, (sector, ring, x, y, radius)


def assert_no_overlap(layout: RadarLayout) -> None:
    blips = sorted(layout.blips, key=lambda b: b.x)
    reach = 2 * max((b.radius for b in blips), default=0) + layout.gap
    for i, p in enumerate(blips):
        for q in blips[i + 1 :]:
            if q.x - p.x > reach:
                break
            assert math.hypot(p.x - q.x, p.y - q.y) >= p.radius + q.radius + layout.gap, (p, q)


def assert_valid(layout: RadarLayout, inputs: list[BlipInput]) -> None:
    """Every blip and cluster mark inside its cell, no overlaps, nothing lost or doubled."""
    for b in layout.blips:
        assert_inside_cell(layout, b.sector, b.ring, b.x, b.y, b.radius)
    for cl in layout.clusters:
        assert_inside_cell(layout, cl.sector, cl.ring, cl.x, cl.y, cl.radius)
        assert cl.count == len(cl.ids)
    assert_no_overlap(layout)
    shown = [b.id for b in layout.blips] + [i for cl in layout.clusters for i in cl.ids]
    assert len(shown) == len(set(shown))
    assert set(shown) == {b.id for b in inputs}
    cells = {(b.sector, b.ring) for b in layout.blips}
    assert not cells & {(cl.sector, cl.ring) for cl in layout.clusters}  # a cell is one or the other
    where = {b.id: (b.sector, b.ring) for b in inputs}
    assert all(where[b.id] == (b.sector, b.ring) for b in layout.blips)
    assert all(where[i] == (cl.sector, cl.ring) for cl in layout.clusters for i in cl.ids)


def blips_in(cells: list[tuple[int, int]]) -> list[BlipInput]:
    return [BlipInput(id=i + 1, sector=s, ring=r) for i, (s, r) in enumerate(cells)]


# ------------------------------------------------------------------ properties


@st.composite
def radars(draw, max_blips=250):
    sectors = draw(st.integers(2, 12))
    rings = draw(st.integers(2, 6))
    cell = st.tuples(st.integers(0, sectors - 1), st.integers(0, rings - 1))
    if draw(st.booleans()):
        cells = draw(st.lists(cell, max_size=max_blips))
    else:  # crowd one cell, plus a few elsewhere
        crowded = draw(cell)
        cells = [crowded] * draw(st.integers(1, max_blips)) + draw(st.lists(cell, max_size=20))
    return sectors, rings, blips_in(cells)


@SLOW
@given(radars(), st.sampled_from([400, 800, 1000]))
def test_blips_inside_their_cells_without_overlap_or_loss(radar, size):
    sectors, rings, blips = radar
    assert_valid(layout_radar(sectors, rings, blips, size=size), blips)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 12), st.integers(2, 6), st.data())
def test_overcrowded_cell_becomes_a_cluster_and_nothing_is_lost(sectors, rings, data):
    cell = (data.draw(st.integers(0, sectors - 1)), data.draw(st.integers(0, rings - 1)))
    others = data.draw(
        st.lists(st.tuples(st.integers(0, sectors - 1), st.integers(0, rings - 1)), max_size=30)
    )
    blips = blips_in([cell] * 4000 + others)
    layout = layout_radar(sectors, rings, blips)
    assert_valid(layout, blips)
    assert (cell[0], cell[1]) in {(cl.sector, cl.ring) for cl in layout.clusters}


@settings(max_examples=40, deadline=None)
@given(radars(max_blips=120), st.randoms(use_true_random=False))
def test_output_independent_of_input_order(radar, rnd):
    sectors, rings, blips = radar
    shuffled = list(blips)
    rnd.shuffle(shuffled)
    first = layout_radar(sectors, rings, blips)
    assert layout_radar(sectors, rings, shuffled) == first
    assert repr(layout_radar(sectors, rings, shuffled)) == repr(first)


@settings(max_examples=40, deadline=None)
@given(radars(max_blips=120))
def test_indexes_follow_reading_order_and_floats_are_rounded(radar):
    sectors, rings, blips = radar
    layout = layout_radar(sectors, rings, blips)
    order = sorted(blips, key=lambda b: (b.sector, b.ring, b.id))
    index = {b.id: n for n, b in enumerate(order, start=1)}
    assert all(b.index == index[b.id] for b in layout.blips)
    assert [b.index for b in layout.blips] == sorted(b.index for b in layout.blips)
    for cl in layout.clusters:
        assert [index[i] for i in cl.ids] == list(range(cl.first_index, cl.last_index + 1))
    values = [v for b in layout.blips for v in (b.x, b.y, b.radius)]
    values += [v for r in layout.rings for v in (r.inner, r.outer)]
    values += [v for s in layout.sectors for v in (s.start, s.end, s.label_x, s.label_y)]
    assert all(round(v, 2) == v for v in values)


# ------------------------------------------------------------------ explicit cases


@pytest.mark.parametrize("sectors, rings", [(3, 4), (9, 5)])
def test_typical_radar_with_30_blips(sectors, rings):
    rnd = random.Random(sectors * 10 + rings)
    blips = blips_in([(rnd.randrange(sectors), rnd.randrange(rings)) for _ in range(30)])
    layout = layout_radar(sectors, rings, blips)
    assert_valid(layout, blips)
    assert len(layout.blips) == 30 and not layout.clusters
    assert {b.radius for b in layout.blips} == {15.2}  # full size, nothing crowded
    assert sorted(b.index for b in layout.blips) == list(range(1, 31))
    assert len(layout.cells) == sectors * rings
    assert layout.view_box == "0 0 800 800" and layout.center == 400.0
    assert layout.rings[0].inner == 0 and layout.rings[-1].outer == 336.0
    assert all(a.outer == b.inner for a, b in zip(layout.rings, layout.rings[1:], strict=False))


def test_sparse_radar_keeps_equal_rings():
    layout = layout_radar(3, 4, blips_in([(s, r) for s in range(3) for r in range(4)]))
    assert [(r.inner, r.outer) for r in layout.rings] == [(0, 84), (84, 168), (168, 252), (252, 336)]


@pytest.mark.parametrize("sectors", [2, 12])
@pytest.mark.parametrize("rings, ring", [(2, 0), (6, 0), (6, 5), (4, 2)])
def test_150_blips_in_one_cell_are_all_shown(sectors, rings, ring):
    rnd = random.Random(7)
    cells = [(sectors - 1, ring)] * 150 + [(rnd.randrange(sectors), rnd.randrange(rings)) for _ in range(40)]
    blips = blips_in(cells)
    layout = layout_radar(sectors, rings, blips)
    assert_valid(layout, blips)
    assert not layout.clusters and len(layout.blips) == 190
    # The crowded ring grew, the marks shrank, but stay above the minimum.
    crowded = [b for b in layout.blips if (b.sector, b.ring) == (sectors - 1, ring)]
    assert min(b.radius for b in crowded) >= 2.8


def test_1000_blips_spread():
    rnd = random.Random(1000)
    blips = blips_in([(rnd.randrange(12), rnd.randrange(6)) for _ in range(1000)])
    layout = layout_radar(12, 6, blips)
    assert_valid(layout, blips)
    assert len(layout.blips) == 1000 and not layout.clusters


def test_1000_blips_in_one_cell_with_two_sectors_are_all_shown():
    blips = blips_in([(1, 1)] * 1000)
    layout = layout_radar(2, 2, blips)
    assert_valid(layout, blips)
    assert len(layout.blips) == 1000


def test_cluster_stands_for_a_hopeless_cell():
    blips = blips_in([(4, 0)] * 600 + [(0, 0), (0, 5), (11, 3)])
    blips.append(BlipInput(id="zz", sector=4, ring=0))  # ids of mixed types sort ints first
    layout = layout_radar(12, 6, blips)
    assert_valid(layout, blips)
    (cluster,) = layout.clusters
    assert (cluster.sector, cluster.ring, cluster.count) == (4, 0, 601)
    assert cluster.ids == tuple(range(1, 601)) + ("zz",)
    assert (cluster.first_index, cluster.last_index) == (3, 603)
    assert [b.index for b in layout.blips] == [1, 2, 604]
    assert cluster.radius > 10  # a big mark, it can hold a count
    # The cluster does not cost the other rings their room.
    assert {b.radius for b in layout.blips} == {15.2}


def test_two_sectors_wedge_paths_are_half_rings():
    layout = layout_radar(2, 3, blips_in([(0, 0), (1, 2)]))
    c = layout.center
    for cell in layout.cells:
        ring = layout.rings[cell.ring]
        commands = re.findall(r"([MALZ])([^MALZ]*)", cell.d)
        points = []
        for cmd, args in commands:
            nums = [float(v) for v in args.split()]
            if cmd == "A":
                rx, ry, rotation, large, sweep, x, y = nums
                assert rx == ry and rotation == 0 and large == 0  # every piece spans < 180 degrees
                points.append(("A", rx, sweep, x, y))
            elif cmd in "ML":
                points.append((cmd, None, None, *nums))
        assert commands[-1][0] == "Z"
        # Both half circles are split in two quarter arcs, so the SVG arcs are unambiguous.
        arcs = [p for p in points if p[0] == "A"]
        assert len(arcs) == (2 if cell.ring == 0 else 4)
        for kind, radius, sweep, x, y in points:
            rho = math.hypot(x - c, y - c)
            if kind == "A":
                assert rho == pytest.approx(radius, abs=0.01)
                assert radius in (ring.inner, ring.outer)
                assert sweep == (1 if radius == ring.outer else 0)  # outer clockwise, inner back
        start = points[0]
        top, bottom = (c, c - ring.outer), (c, c + ring.outer)
        assert (start[3], start[4]) == (top if cell.sector == 0 else bottom)
        # The outer arc goes through the right side for sector 0, the left for sector 1.
        middle = arcs[0][3:]
        assert middle == pytest.approx(
            (c + ring.outer, c) if cell.sector == 0 else (c - ring.outer, c), abs=0.01
        )
        assert arcs[1][3:] == pytest.approx(bottom if cell.sector == 0 else top, abs=0.01)
        if cell.ring == 0:
            assert points[-1][3:] == (c, c)  # pie slice back through the centre


def test_wedge_path_pieces():
    assert wedge_path(100, 100, 0, 50, 0, 90) == "M 100 50 A 50 50 0 0 1 150 100 L 100 100 Z"
    assert wedge_path(100, 100, 20, 50, 90, 180) == (
        "M 150 100 A 50 50 0 0 1 100 150 L 100 120 A 20 20 0 0 0 120 100 Z"
    )
    # 270 degrees: two arcs of 135 degrees, each rightly a small arc.
    assert wedge_path(0, 0, 0, 10, 0, 270).count("A 10 10 0 0 1") == 2


def test_polar_to_xy_is_clockwise_from_the_top():
    assert polar_to_xy(0, 0, 10, 0) == pytest.approx((0, -10))
    assert polar_to_xy(0, 0, 10, 90) == pytest.approx((10, 0))
    assert polar_to_xy(5, 5, 10, 180) == pytest.approx((5, 15))


def test_sectors_start_at_the_top_and_turn_clockwise():
    layout = layout_radar(4, 2)
    assert [(s.start, s.end) for s in layout.sectors] == [(0, 90), (90, 180), (180, 270), (270, 360)]
    assert [s.label_anchor for s in layout.sectors] == ["start", "start", "end", "end"]
    first = layout.sectors[0]
    assert first.label_x > 400 and first.label_y < 400


def test_radar_frame_matches_the_layout():
    rnd = random.Random(3)
    blips = blips_in([(0, 2)] * 120 + [(rnd.randrange(5), rnd.randrange(5)) for _ in range(50)])
    frame = radar_frame(5, 5, blips, size=600)
    layout = layout_radar(5, 5, blips, size=600)
    assert (frame.size, frame.center, frame.rings, frame.sectors) == (
        layout.size,
        layout.center,
        layout.rings,
        layout.sectors,
    )
    assert frame.view_box == "0 0 600 600"


def test_empty_radar():
    layout = layout_radar(2, 2)
    assert layout.blips == () and layout.clusters == () and len(layout.cells) == 4


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sectors": 1, "rings": 3}, "sectors"),
        ({"sectors": 13, "rings": 3}, "sectors"),
        ({"sectors": "3", "rings": 3}, "sectors"),
        ({"sectors": 3.0, "rings": 3}, "sectors"),
        ({"sectors": True, "rings": 3}, "sectors"),
        ({"sectors": 3, "rings": 1}, "rings"),
        ({"sectors": 3, "rings": 7}, "rings"),
        ({"sectors": 3, "rings": 3, "size": 50}, "size"),
        ({"sectors": 3, "rings": 3, "size": float("nan")}, "size"),
        ({"sectors": 3, "rings": 3, "blips": [BlipInput(1, 3, 0)]}, "sector of blip 1"),
        ({"sectors": 3, "rings": 3, "blips": [BlipInput(1, -1, 0)]}, "sector of blip 1"),
        ({"sectors": 3, "rings": 3, "blips": [BlipInput("a", 0, 3)]}, "ring of blip 'a'"),
        ({"sectors": 3, "rings": 3, "blips": [BlipInput(1, 0, 0), BlipInput(1, 1, 1)]}, "duplicate"),
        ({"sectors": 3, "rings": 3, "blips": [BlipInput(None, 0, 0)]}, "id"),
    ],
)
def test_invalid_input_raises_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        layout_radar(**kwargs)
    with pytest.raises(ValueError, match=message):
        radar_frame(**kwargs)


@pytest.mark.parametrize("sectors", [2, 3, 4, 12])
@pytest.mark.parametrize("count, crowded", [(32, 0), (1000, 150)])
def test_lanes_stay_free_of_blips(sectors, count, crowded):
    rnd = random.Random(sectors * count)
    cells = [(0, 0)] * crowded + [(rnd.randrange(sectors), rnd.randrange(4)) for _ in range(count - crowded)]
    blips = blips_in(cells)
    lanes = (0, sectors // 2)
    layout = layout_radar(sectors, 4, blips, lanes=lanes, lane=14)
    assert_valid(layout, blips)
    assert len(layout.blips) + sum(cluster.count for cluster in layout.clusters) == count
    c = layout.center
    for blip in layout.blips:
        for boundary in lanes:
            angle = math.radians(boundary * 360 / sectors)
            dx, dy = blip.x - c, blip.y - c
            along = dx * math.sin(angle) - dy * math.cos(angle)
            # Distance from the blip's centre to the lane's ray from the centre.
            away = abs(dx * math.cos(angle) + dy * math.sin(angle)) if along > 0 else math.hypot(dx, dy)
            assert away - blip.radius >= 14 + layout.margin - 0.02, (boundary, blip)


@pytest.mark.parametrize(
    "lanes, lane, message",
    [((3,), 10, "lane boundary"), ((-1,), 10, "lane boundary"), ((0,), -1, "lane"), ((0,), 500, "lane")],
)
def test_invalid_lanes_raise_value_error(lanes, lane, message):
    with pytest.raises(ValueError, match=message):
        layout_radar(3, 3, blips_in([(0, 0)]), lanes=lanes, lane=lane)
