"""
One rule for "new", "moved in" and "moved out": the radar page and export.json read the same
history the same way (a table of cases).
"""

import json
import re

import pytest
from django.core.cache import cache

from digiradar_wagtail.models import MeasureHistoryEntry
from tests import builders

# (title, [(days ago, ring before, ring after, first?)], radar marker, tech-radar "moved")
CASES = [
    ("Neu", [(10, None, 0, True)], "new", 2),
    ("Neu und verschoben", [(10, None, 0, True), (5, 0, 2, False)], "new", 2),
    ("Nach innen", [(400, None, 0, True), (5, 0, 1, False)], "moved_in", 1),
    ("Nach außen", [(400, None, 2, True), (5, 2, 1, False)], "moved_out", -1),
    ("Vor langer Zeit", [(400, None, 0, True), (200, 0, 1, False)], "", 0),
    ("Hin und zurück", [(400, None, 0, True), (20, 0, 1, False), (5, 1, 0, False)], "moved_out", -1),
    ("Nur Fortschritt", [(400, None, 1, True), (5, 1, 1, False)], "", 0),
]


@pytest.fixture
def radar_with_history(radar):
    rings = list(radar.rings.all())
    for title, steps, _marker, _moved in CASES:
        last_ring = steps[-1][2]
        measure = builders.make_measure(radar, title, sector=0, ring=last_ring)
        MeasureHistoryEntry.objects.filter(measure_key=measure.translation_key).delete()
        for days, before, after, first in steps:
            MeasureHistoryEntry.objects.create(
                measure_key=measure.translation_key,
                recorded_at=builders.days_ago(days),
                ring_key=rings[after].translation_key,
                previous_ring_key=None if first else rings[before].translation_key,
                progress_percent=10 if first else 20,
                previous_progress_percent=None if first else 10,
            )
    cache.clear()
    return radar


def radar_markers(html):
    """``{title: marker}`` of the radar's blips (the marker from ``data-marker``)."""
    markers = re.findall(r'data-digiradar-blip[^>]*data-marker="([^"]*)"[^>]*>', html)
    titles = re.findall(r'data-digiradar-blip[^>]*aria-label="\d+\. ([^"]+?) – ', html)
    assert len(markers) == len(titles) == len(CASES)
    return dict(zip(titles, markers, strict=True))


def test_radar_and_export_agree_on_new_and_moved(client, radar_with_history):
    radar = radar_with_history
    markers = radar_markers(client.get(radar.url).content.decode())
    document = json.loads(client.get(radar.url + "export.json").content)
    moved = {entry["label"]: entry["moved"] for entry in document["tech_radar"]["entries"]}
    for title, _steps, marker, tech_radar_moved in CASES:
        assert (markers[title], moved[title]) == (marker, tech_radar_moved), title
