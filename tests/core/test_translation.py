"""English translations by wagtail-localize: placement maps to the English radar, structure follows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.localization import live_measures_in_locale
from digiradar_wagtail.models import (
    Department,
    MeasurePage,
    MeasureRelation,
    RadarIndexPage,
)
from tests import builders


@pytest.fixture
def departments(home):
    german = home.locale
    return (
        Department.objects.create(name="IT-Referat", slug="rit", locale=german),
        Department.objects.create(name="Kreisverwaltungsreferat", slug="kvr", locale=german),
    )


@pytest.fixture
def source(radar, departments):
    measure = builders.make_citizen_id(radar, departments[0])
    measure.save_revision().publish()
    return MeasurePage.objects.get(pk=measure.pk)


def test_translation_sits_in_the_english_radar(source, radar, english):
    translation = builders.translate(source, english)

    english_radar = translation.get_parent().specific
    assert isinstance(english_radar, RadarIndexPage)
    assert english_radar.locale == english
    assert english_radar.translation_key == radar.translation_key
    assert translation.locale == english
    assert translation.translation_key == source.translation_key
    assert translation.live


def test_sector_and_ring_are_the_english_radars_own(source, english):
    translation = builders.translate(source, english)
    english_radar = translation.get_parent().specific

    assert translation.sector.page_id == english_radar.pk
    assert translation.ring.page_id == english_radar.pk
    assert translation.sector.locale == english and translation.ring.locale == english
    assert translation.sector.translation_key == source.sector.translation_key
    assert translation.ring.translation_key == source.ring.translation_key
    assert translation.sector.pk != source.sector.pk
    # Slugs and colours are synchronised; the English page validates like any other.
    assert (translation.sector.slug, translation.ring.slug) == ("sektor-3", "ring-2")
    translation.full_clean()


def test_synchronised_fields_follow_the_source(source, departments, english):
    translation = builders.translate(source, english)
    assert translation.progress_percent == 40
    assert translation.lead_department == departments[0]

    source.progress_percent = 75
    source.progress_as_of = datetime.date(2024, 9, 1)
    source.start_date = datetime.date(2023, 2, 1)
    source.planned_end_date = datetime.date(2026, 6, 30)
    source.actual_end_date = datetime.date(2026, 5, 31)
    source.lead_department = departments[1]
    source.delivery_status = "delayed"
    source.status_reason = "Die Ausschreibung hat sich verzögert."
    source.ring = source.get_parent().specific.rings.all()[3]
    source.save_revision().publish()

    updated = builders.translate(MeasurePage.objects.get(pk=source.pk), english)

    assert updated.pk == translation.pk
    assert updated.progress_percent == 75
    assert updated.progress_as_of == datetime.date(2024, 9, 1)
    assert updated.start_date == datetime.date(2023, 2, 1)
    assert updated.planned_end_date == datetime.date(2026, 6, 30)
    assert updated.actual_end_date == datetime.date(2026, 5, 31)
    assert updated.lead_department == departments[1]
    assert updated.delivery_status == "delayed"
    assert updated.external_id == "M-042"
    # The ring moved with the source, to the English radar's ring of the same key.
    assert updated.ring.translation_key == source.ring.translation_key
    assert updated.ring.locale == english
    # Text is translatable: without a translation it falls back to the source text for now.
    assert updated.status_reason == "Die Ausschreibung hat sich verzögert."


def test_child_rows_follow_the_source(source, english):
    translation = builders.translate(source, english)
    milestone = translation.milestones.get()
    assert milestone.locale == english
    assert milestone.due_date == datetime.date(2024, 6, 30)
    assert milestone.translation_key == source.milestones.get().translation_key


def test_english_measure_renders_in_english(source, english, client):
    translation = builders.translate(source, english)
    response = client.get(translation.url)
    assert response.status_code == 200
    assert translation.url.startswith("/en/radar/")
    content = response.content.decode()
    assert '<html lang="en">' in content
    # The language switcher links the German original.
    assert f'href="{source.url}"' in content


def test_related_measures_are_shown_in_the_page_language_where_live(source, radar, english, client):
    solar = builders.make_measure(radar, "Solarkataster", sector=0, ring=0)
    german_only = builders.make_measure(radar, "Nur auf Deutsch", sector=1, ring=0)
    MeasureRelation.objects.create(page=source, target=solar, relation_type="depends_on")
    MeasureRelation.objects.create(page=source, target=german_only, relation_type="builds_on")
    english_solar = builders.translate(solar, english)
    MeasurePage.objects.filter(pk=english_solar.pk).update(title="Solar register")
    translation = builders.translate(source, english)
    # Relations are synchronised: the translation's rows still point at the German measures.
    assert {row.target_id for row in translation.relations.all()} == {solar.pk, german_only.pk}

    german = client.get(source.url).content.decode()
    assert f'href="{solar.url}">Solarkataster</a>' in german and "Nur auf Deutsch" in german
    english_page = client.get(translation.url).content.decode()
    assert f'href="{english_solar.url}">Solar register</a>' in english_page
    assert "Nur auf Deutsch" not in english_page  # no English version to link to

    found = live_measures_in_locale([solar.pk, german_only.pk], english)
    assert found == {solar.pk: english_solar}
    english_solar.unpublish()
    assert live_measures_in_locale([solar.pk, german_only.pk], english) == {}


def test_related_measures_cost_three_queries_however_many(radar):
    targets = [builders.make_measure(radar, f"Ziel {index}", sector=0, ring=0) for index in range(8)]
    for count in (1, 8):
        with CaptureQueriesContext(connection) as queries:
            found = live_measures_in_locale([target.pk for target in targets[:count]], radar.locale)
        assert len(found) == count
        assert len(queries) == 3, [query["sql"] for query in queries]
