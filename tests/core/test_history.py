"""The dated history of ring and progress that publishing a measure records, and its timeline."""

import re

from digiradar_wagtail.models import MeasureHistoryEntry, MeasurePage
from tests import builders


def entries(measure):
    return list(
        MeasureHistoryEntry.objects.filter(measure_key=measure.translation_key).order_by("recorded_at", "pk")
    )


def republish(measure, **changes):
    measure = MeasurePage.objects.get(pk=measure.pk)
    for name, value in changes.items():
        setattr(measure, name, value)
    measure.save_revision().publish()
    return measure


def test_first_publication_records_an_entry(measure):
    [entry] = entries(measure)
    assert entry.ring_key == measure.ring.translation_key
    assert entry.progress_percent == 40
    assert entry.previous_ring_key is None and entry.previous_progress_percent is None
    assert entry.is_first and not entry.ring_changed


def test_a_draft_records_nothing(radar):
    draft = builders.make_measure(radar, "Entwurf", publish=False)
    draft.save_revision()
    assert entries(draft) == []


def test_republishing_unchanged_adds_nothing(measure):
    republish(measure, teaser="Neuer Teaser, gleicher Stand.")
    republish(measure)
    assert len(entries(measure)) == 1


def test_a_ring_change_adds_an_entry_with_the_previous_ring(measure, radar):
    old_ring = measure.ring
    new_ring = radar.rings.all()[3]
    republish(measure, ring=new_ring)

    first, second = entries(measure)
    assert second.ring_key == new_ring.translation_key
    assert second.previous_ring_key == old_ring.translation_key
    assert second.progress_percent == second.previous_progress_percent == 40
    assert second.ring_changed and not second.is_first
    assert second.recorded_at >= first.recorded_at


def test_a_progress_change_adds_an_entry(measure):
    republish(measure, progress_percent=55)
    latest = entries(measure)[-1]
    assert (latest.previous_progress_percent, latest.progress_percent) == (40, 55)
    assert not latest.ring_changed


def test_publishing_the_translation_adds_nothing(measure, english):
    translation = builders.translate(measure, english)
    translation.save_revision().publish()
    assert len(entries(measure)) == 1
    # Both languages share the one history.
    assert translation.translation_key == measure.translation_key


def test_moving_back_and_forth_records_each_move(measure, radar):
    rings = list(radar.rings.all())
    republish(measure, ring=rings[2])
    republish(measure, ring=rings[1])
    assert [e.ring_key for e in entries(measure)] == [
        rings[1].translation_key,
        rings[2].translation_key,
        rings[1].translation_key,
    ]


def timeline(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    match = re.search(r'<ol class="digiradar-timeline">(.*?)</ol>', response.content.decode(), re.S)
    assert match, "the measure page shows no timeline"
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def test_the_measure_page_shows_its_timeline(client, measure, radar, english):
    republish(measure, ring=radar.rings.all()[3], progress_percent=80)

    items = timeline(client, measure)

    assert len(items) == 2
    # Newest first: the move from "Ring 2" to "Ring 4", then the first publication in "Ring 2".
    assert "Ring 2" in items[0] and "Ring 4" in items[0] and "80" in items[0]
    assert items[0].index("Ring 2") < items[0].index("Ring 4")
    assert "Ring 2" in items[1] and "Ring 4" not in items[1]
    assert all(re.search(r'<time datetime="\d{4}-\d\d-\d\dT', item) for item in items)
    # The English page shows the same history, with the English radar's rings.
    translation = builders.translate(MeasurePage.objects.get(pk=measure.pk), english)
    assert len(timeline(client, translation)) == 2


def test_publishing_a_stale_translation_does_not_move_the_measure_back(measure, radar, english):
    translation = builders.translate(measure, english)
    new_ring = radar.rings.all()[3]
    republish(measure, ring=new_ring, progress_percent=90)
    assert len(entries(measure)) == 2

    # The English editor fixes a typo before anyone synchronised the translation: it still carries
    # the old ring and progress, which is no change of the measure.
    translation = MeasurePage.objects.get(pk=translation.pk)
    translation.teaser = "One account for all of the city's online services."
    translation.save_revision().publish()

    assert len(entries(measure)) == 2
    assert entries(measure)[-1].ring_key == new_ring.translation_key
