"""Creating a measure through the Wagtail admin's real add view."""

import datetime
from decimal import Decimal

from django.urls import reverse

from digiradar_wagtail.models import MeasureHistoryEntry, MeasurePage

from .admin_forms import measure_form_data


def add_url(radar):
    return reverse("wagtailadmin_pages:add", args=["digiradar_wagtail", "measurepage", radar.pk])


def test_add_url_is_the_documented_one(radar):
    assert add_url(radar) == f"/admin/pages/add/digiradar_wagtail/measurepage/{radar.pk}/"


def test_add_form_offers_only_this_radars_sectors_and_rings(admin_client, radar, home):
    from tests import builders

    other = builders.make_radar(home, title="Radar 2025", slug="radar-2025")
    response = admin_client.get(add_url(radar))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["sector"].queryset) == set(radar.sectors.all())
    assert set(form.fields["ring"].queryset) == set(radar.rings.all())
    assert not set(form.fields["sector"].queryset) & set(other.sectors.all())


def test_create_and_publish_a_measure(admin_client, radar):
    sectors, rings = list(radar.sectors.all()), list(radar.rings.all())
    data = measure_form_data(radar, **{"action-publish": "action-publish"})

    response = admin_client.post(add_url(radar), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    measure = MeasurePage.objects.get(slug="digitale-buerger-id")
    assert response["Location"] == reverse("wagtailadmin_explore", args=[radar.pk])
    assert measure.live
    assert measure.get_parent().pk == radar.pk
    assert measure.locale_id == radar.locale_id
    assert (measure.sector, measure.ring) == (sectors[1], rings[2])
    assert measure.teaser == "Ein Konto für alle Online-Dienste der Stadt."
    assert [block.block_type for block in measure.body] == ["heading", "paragraph"]
    assert "<b>einmal</b>" in measure.body[1].value.source
    assert measure.progress_percent == 40
    assert measure.progress_as_of == datetime.date(2024, 3, 1)
    assert (measure.start_date, measure.planned_end_date) == (
        datetime.date(2023, 1, 1),
        datetime.date(2025, 12, 31),
    )
    assert measure.external_id == "M-042"
    assert measure.budget_planned == Decimal("1250000.00")
    assert [(m.title, m.done) for m in measure.milestones.all()] == [
        ("Pilot im Bürgerbüro", True),
        ("Alle Dienste angebunden", False),
    ]
    # Child rows of a translatable model take the page's locale.
    assert {m.locale_id for m in measure.milestones.all()} == {radar.locale_id}
    indicator = measure.indicators.get()
    assert (indicator.name, indicator.target, indicator.current) == (
        "Angebundene Dienste",
        Decimal("120"),
        Decimal("48"),
    )
    assert measure.council_decisions.get().reference == "20-26 / V 01234"
    assert [block.block_type for block in measure.participation] == ["comments", "rating"]
    assert measure.participation[1].value["question"] == "Wie wichtig ist Ihnen diese Maßnahme?"
    # Publishing through the admin recorded the first history entry.
    entry = MeasureHistoryEntry.objects.get(measure_key=measure.translation_key)
    assert (entry.ring_key, entry.progress_percent) == (rings[2].translation_key, 40)
    assert entry.is_first


def test_save_a_draft(admin_client, radar):
    response = admin_client.post(add_url(radar), measure_form_data(radar))

    assert response.status_code == 302
    measure = MeasurePage.objects.get(slug="digitale-buerger-id")
    assert not measure.live
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[measure.pk])
    # A draft is not a publication: no history yet.
    assert not MeasureHistoryEntry.objects.filter(measure_key=measure.translation_key).exists()


def test_the_new_measure_renders(admin_client, client, radar):
    admin_client.post(add_url(radar), measure_form_data(radar, **{"action-publish": "action-publish"}))
    measure = MeasurePage.objects.get(slug="digitale-buerger-id")

    response = client.get(measure.url)

    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Digitale Bürger-ID",
        "Pilot im Bürgerbüro",
        "Angebundene Dienste",
        "20-26 / V 01234",
        "Ring 3",
    ):
        assert text in content
