"""Wagtail API v2: what a consumer gets for a measure."""

import pytest

from digiradar_wagtail.models import (
    Department,
    MeasureCoDepartment,
    MeasurePrinciple,
    Principle,
)
from tests import builders


@pytest.fixture
def full_measure(radar):
    german = radar.locale
    rit = Department.objects.create(name="IT-Referat", slug="rit", abbreviation="RIT", locale=german)
    kvr = Department.objects.create(name="Kreisverwaltungsreferat", slug="kvr", locale=german)
    measure = builders.make_citizen_id(radar, rit)
    measure.co_departments.add(MeasureCoDepartment(department=kvr))
    principle = Principle.objects.filter(locale=german).order_by("pk").first()
    measure.principles.add(
        MeasurePrinciple(principle=principle, text="Daten bleiben in der Stadt.", locale=german)
    )
    measure.save_revision().publish()
    return measure


def test_listing_with_all_fields(client, full_measure, radar):
    builders.make_measure(radar, "Offene Daten", sector=0, ring=0, progress_percent=10)
    response = client.get("/api/v2/pages/", {"type": "digiradar_wagtail.MeasurePage", "fields": "*"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] == 2
    item = next(item for item in data["items"] if item["id"] == full_measure.pk)
    assert item["meta"]["type"] == "digiradar_wagtail.MeasurePage"
    assert item["title"] == "Digitale Bürger-ID"
    assert item["sector"] == {"id": full_measure.sector_id, "slug": "sektor-3", "name": "Sektor 3"}
    assert item["ring"] == {"id": full_measure.ring_id, "slug": "ring-2", "name": "Ring 2"}
    assert item["progress_percent"] == 40
    assert item["progress_as_of"] == "2024-03-01"
    assert item["start_date"] == "2023-01-01"
    assert item["planned_end_date"] == "2025-12-31"
    assert item["delivery_status"] == "on_track"
    assert item["external_id"] == "M-042"
    assert item["lead_department"]["name"] == "IT-Referat"
    assert item["lead_department"]["slug"] == "rit"
    assert [row["department"]["slug"] for row in item["co_departments"]] == ["kvr"]
    assert [row["title"] for row in item["milestones"]] == ["Pilot"]
    assert item["principles"][0]["text"] == "Daten bleiben in der Stadt."
    assert item["principles"][0]["principle"]["name"]


def test_detail_endpoint(client, full_measure):
    response = client.get(f"/api/v2/pages/{full_measure.pk}/")
    assert response.status_code == 200
    item = response.json()
    assert item["sector"]["name"] == "Sektor 3" and item["sector"]["slug"] == "sektor-3"
    assert item["ring"]["name"] == "Ring 2" and item["ring"]["slug"] == "ring-2"
    assert item["progress_percent"] == 40
    assert item["lead_department"]["name"] == "IT-Referat"
    assert item["co_departments"][0]["department"]["name"] == "Kreisverwaltungsreferat"
    assert item["contact_email"] == "buerger-id@example.invalid"
    assert item["meta"]["parent"]["id"] == full_measure.get_parent().pk


def test_filter_by_locale(client, full_measure, english):
    translation = builders.translate(full_measure, english)
    response = client.get(
        "/api/v2/pages/", {"type": "digiradar_wagtail.MeasurePage", "fields": "*", "locale": "en"}
    )
    [item] = response.json()["items"]
    assert item["id"] == translation.pk
    # The English measure names the English radar's sector.
    assert item["sector"]["id"] == translation.sector_id != full_measure.sector_id
    assert item["sector"]["slug"] == "sektor-3"


def test_drafts_are_not_in_the_api(client, radar):
    draft = builders.make_measure(radar, "Entwurf", publish=False)
    response = client.get("/api/v2/pages/", {"type": "digiradar_wagtail.MeasurePage"})
    assert draft.pk not in [item["id"] for item in response.json()["items"]]
    # (LocaleMiddleware turns the API's 404 into a redirect to /de/api/..., which is a 404 as well.)
    assert client.get(f"/api/v2/pages/{draft.pk}/", follow=True).status_code == 404
