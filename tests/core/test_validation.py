"""What editors cannot save: through the admin's POST (with a readable message) and through model clean."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset

from digiradar_wagtail.models import MeasurePage, RadarIndexPage, RadarRing, RadarSector
from tests import builders

from .admin_forms import existing_formset, measure_form_data, radar_form_data

PART_FIELDS = ("name", "slug", "colour", "description")

pytestmark = pytest.mark.usefixtures("in_english")


def add_url(radar):
    return reverse("wagtailadmin_pages:add", args=["digiradar_wagtail", "measurepage", radar.pk])


def post_measure(client, radar, **fields):
    """POST the add form with ``fields`` changed; return the form's errors as plain strings."""
    before = MeasurePage.objects.count()
    response = client.post(add_url(radar), measure_form_data(radar, **fields))
    assert response.status_code == 200, "the form should have been refused"
    assert MeasurePage.objects.count() == before, "nothing may be saved"
    form = response.context["form"]
    # Messages are lazy: read them in the admin user's language (English), as the page showed them.
    with translation.override("en"):
        errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
    content = html.unescape(response.content.decode())
    for messages in errors.values():
        for message in messages:
            assert message in content, f"the editor does not see {message!r}"
    return errors


@pytest.fixture
def other_radar(home):
    return builders.make_radar(home, title="Radar 2025", slug="radar-2025")


# Measures through the admin ------------------------------------------------------------------------


def test_admin_refuses_a_sector_of_another_radar(admin_client, radar, other_radar):
    errors = post_measure(admin_client, radar, sector=other_radar.sectors.first())
    assert list(errors) == ["sector"]
    assert "valid choice" in errors["sector"][0]


def test_admin_refuses_a_ring_of_another_radar(admin_client, radar, other_radar):
    errors = post_measure(admin_client, radar, ring=other_radar.rings.first())
    assert list(errors) == ["ring"]


@pytest.mark.parametrize("value", ["101", "-1", "250"])
def test_admin_refuses_progress_outside_0_to_100(admin_client, radar, value):
    errors = post_measure(admin_client, radar, progress_percent=value)
    assert list(errors) == ["progress_percent"]


@pytest.mark.parametrize("field", ["planned_end_date", "actual_end_date"])
def test_admin_refuses_an_end_before_the_start(admin_client, radar, field):
    errors = post_measure(admin_client, radar, start_date="2024-05-01", **{field: "2024-04-30"})
    assert errors == {field: ["The end cannot be before the start."]}


@pytest.mark.parametrize("status", ["delayed", "stopped"])
def test_admin_wants_a_reason_for_delay_or_stop(admin_client, radar, status):
    errors = post_measure(admin_client, radar, delivery_status=status, status_reason="  ")
    assert errors == {"status_reason": ["Say why the measure is delayed or stopped."]}


def test_admin_accepts_a_delay_with_reason(admin_client, radar):
    data = measure_form_data(radar, delivery_status="delayed", status_reason="Ausschreibung verzögert")
    response = admin_client.post(add_url(radar), data)
    assert response.status_code == 302
    assert MeasurePage.objects.get(slug="digitale-buerger-id").status_reason == "Ausschreibung verzögert"


def test_admin_refuses_a_duplicate_external_id(admin_client, radar):
    builders.make_measure(radar, "Offene Daten", external_id="M-042")
    errors = post_measure(admin_client, radar, external_id="M-042")
    assert errors == {"external_id": ["Another measure already has this external id."]}


# Measures through model clean ----------------------------------------------------------------------


def clean_errors(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_clean_refuses_a_sector_or_ring_of_another_radar(measure, other_radar):
    measure.sector = other_radar.sectors.first()
    assert clean_errors(measure) == {"sector": ["This sector belongs to another radar."]}
    measure.refresh_from_db()
    measure.ring = other_radar.rings.last()
    assert clean_errors(measure) == {"ring": ["This ring belongs to another radar."]}


def test_adding_a_measure_with_a_foreign_sector_fails(radar, other_radar):
    measure = MeasurePage(
        title="Fremd", slug="fremd", teaser="x", sector=other_radar.sectors.first(), ring=radar.rings.first()
    )
    with pytest.raises(ValidationError) as caught:
        radar.add_child(instance=measure)
    assert caught.value.message_dict == {"sector": ["This sector belongs to another radar."]}
    assert not MeasurePage.objects.filter(slug="fremd").exists()


@pytest.mark.parametrize("value", [101, 1000])
def test_clean_refuses_progress_above_100(measure, value):
    measure.progress_percent = value
    assert "progress_percent" in clean_errors(measure)


def test_clean_refuses_an_end_before_the_start(measure):
    import datetime

    measure.start_date = datetime.date(2024, 5, 1)
    measure.planned_end_date = datetime.date(2024, 1, 1)
    measure.actual_end_date = datetime.date(2024, 5, 1)  # the same day is fine
    assert clean_errors(measure) == {"planned_end_date": ["The end cannot be before the start."]}


@pytest.mark.parametrize("status", ["delayed", "stopped"])
def test_clean_wants_a_reason(measure, status):
    measure.delivery_status = status
    assert clean_errors(measure) == {"status_reason": ["Say why the measure is delayed or stopped."]}
    measure.status_reason = "Personalmangel"
    measure.full_clean()


def test_clean_refuses_a_duplicate_external_id_but_not_its_translation(radar, english):
    first = builders.make_measure(radar, "Offene Daten", external_id="M-007")
    second = builders.make_measure(radar, "WLAN", external_id="M-008")
    second.external_id = "M-007"
    assert clean_errors(second) == {"external_id": ["Another measure already has this external id."]}
    # The English translation carries the same external id: that is the same measure, not a clash.
    translation = builders.translate(first, english)
    assert translation.external_id == "M-007"
    translation.full_clean()


# Radars through the admin (edit view) --------------------------------------------------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_radar(client, radar, **kwargs):
    """
    POST the radar's edit form (publishing: a draft may be incomplete, Wagtail defers the formsets'
    minimum for drafts); assert it is refused and nothing changed; return all error texts.
    """
    kwargs.setdefault("action-publish", "action-publish")
    parts_before = (list(radar.sectors.values_list("pk", "name", "colour")), radar.rings.count())
    revisions_before = radar.revisions.count()
    response = client.post(edit_url(radar), radar_form_data(radar, **kwargs))
    assert response.status_code == 200, "the form should have been refused"
    radar.refresh_from_db()
    assert (list(radar.sectors.values_list("pk", "name", "colour")), radar.rings.count()) == parts_before
    assert radar.revisions.count() == revisions_before, "no revision may be saved"
    form = response.context["form"]
    content = html.unescape(response.content.decode())
    with translation.override("en"):
        messages = [str(m) for m in form.non_field_errors()]
        for name, formset in form.formsets.items():
            messages += [f"{name}: {m}" for m in formset.non_form_errors()]
            for subform in formset.forms:
                for field, errors in subform.errors.items():
                    messages += [f"{name}.{field}: {m}" for m in errors]
    assert messages, "the refusal must say why"
    for message in messages:
        assert message.split(": ", 1)[-1] in content, f"the editor does not see {message!r}"
    return messages


def new_parts(count, colour="#1f5fa8"):
    return inline_formset(
        [
            {"name": f"Teil {i}", "slug": f"teil-{i}", "colour": colour, "description": ""}
            for i in range(count)
        ]
    )


def test_radar_edit_roundtrip_is_accepted(admin_client, radar):
    """The unchanged form saves: the refusals below are caused by what they change."""
    response = admin_client.post(edit_url(radar), radar_form_data(radar, title="Radar 2024"))
    assert response.status_code == 302
    radar.refresh_from_db()
    assert radar.get_latest_revision_as_object().title == "Radar 2024"


@pytest.mark.parametrize(
    "relation, count, expected",
    [
        ("sectors", 1, "at least 2"),
        ("sectors", 13, "at most 12"),
        ("rings", 1, "at least 2"),
        ("rings", 7, "at most 6"),
    ],
)
def test_radar_needs_2_to_12_sectors_and_2_to_6_rings(admin_client, home, relation, count, expected):
    radar = builders.make_radar(home, slug="leer")
    existing = list(getattr(radar, relation).all())
    # Keep the old parts (marked deleted) and append ``count`` new ones.
    parts = existing_formset(existing, PART_FIELDS, deleted=existing)
    added = new_parts(count)
    total = int(parts["TOTAL_FORMS"])
    for index in range(count):
        parts[str(total + index)] = {**added[str(index)], "ORDER": str(total + index)}
    parts["TOTAL_FORMS"] = str(total + count)
    messages = post_radar(admin_client, radar, **{relation: parts})
    assert any(expected in message for message in messages), messages


@pytest.mark.parametrize("colour", ["#ffff00", "#dddddd", "#ffffff"])
def test_radar_refuses_a_pale_colour(admin_client, radar, colour):
    sectors = existing_formset(radar.sectors.all(), PART_FIELDS)
    sectors["0"]["colour"] = colour
    messages = post_radar(admin_client, radar, sectors=sectors)
    assert any(
        message.startswith("sectors.colour: This colour has a contrast of") and "at least 3:1" in message
        for message in messages
    ), messages


def test_radar_refuses_a_malformed_colour(admin_client, radar):
    rings = existing_formset(radar.rings.all(), PART_FIELDS)
    rings["1"]["colour"] = "blue"
    messages = post_radar(admin_client, radar, rings=rings)
    assert "rings.colour: Enter a colour as #rrggbb, for example #1f5fa8." in messages


def test_radar_refuses_to_drop_a_sector_in_use(admin_client, radar, measure):
    used = measure.sector
    sectors = existing_formset(radar.sectors.all(), PART_FIELDS, deleted=[used])
    messages = post_radar(admin_client, radar, sectors=sectors)
    assert "1 measures still use a sector or ring you removed. Move them elsewhere first." in messages
    assert RadarSector.objects.filter(pk=used.pk).exists()


def test_radar_refuses_to_drop_a_ring_in_use(admin_client, radar, measure):
    rings = existing_formset(radar.rings.all(), PART_FIELDS, deleted=[measure.ring])
    post_radar(admin_client, radar, rings=rings)
    assert RadarRing.objects.filter(pk=measure.ring_id).exists()


def test_radar_may_drop_an_unused_sector(admin_client, radar, measure):
    unused = radar.sectors.exclude(pk=measure.sector_id).first()
    sectors = existing_formset(radar.sectors.all(), PART_FIELDS, deleted=[unused])
    response = admin_client.post(
        edit_url(radar), radar_form_data(radar, sectors=sectors, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert not RadarSector.objects.filter(pk=unused.pk).exists()


# Radars through model clean ------------------------------------------------------------------------


@pytest.mark.parametrize("sectors", [1, 13])
def test_a_radar_with_1_or_13_sectors_is_refused(home, sectors):
    with pytest.raises(ValidationError) as caught:
        builders.make_radar(home, sectors=sectors)
    assert caught.value.messages == [f"A radar needs 2 to 12 sectors, not {sectors}."]
    assert not RadarIndexPage.objects.exists()


@pytest.mark.parametrize("rings", [1, 7])
def test_a_radar_with_1_or_7_rings_is_refused(home, rings):
    with pytest.raises(ValidationError) as caught:
        builders.make_radar(home, rings=rings)
    assert caught.value.messages == [f"A radar needs 2 to 6 rings, not {rings}."]


def test_a_pale_colour_is_refused_by_the_model(radar):
    sector = radar.sectors.first()
    sector.colour = "#f0f0f0"
    with pytest.raises(ValidationError) as caught:
        sector.full_clean()
    assert caught.value.message_dict["colour"] == [
        "This colour has a contrast of 1.1:1 against white; at least 3:1 is needed."
    ]


def test_the_radar_editors_hints_name_the_layouts_limits_in_their_language():
    from django.utils import translation

    from digiradar_wagtail.geometry.layout import MAX_RINGS, MAX_SECTORS
    from digiradar_wagtail.models.radar import RINGS_HINT, SECTORS_HINT

    with translation.override("de"):
        assert str(SECTORS_HINT).startswith(f"2 bis {MAX_SECTORS} Kernbereiche")
        assert str(RINGS_HINT).startswith(f"2 bis {MAX_RINGS} Phasen")
    with translation.override("en"):
        assert str(SECTORS_HINT).startswith(f"2 to {MAX_SECTORS} core areas")
        assert str(RINGS_HINT).startswith(f"2 to {MAX_RINGS} phases")
