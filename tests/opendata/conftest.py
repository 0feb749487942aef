"""Fixtures for the open-data tests: a radar with taxonomy terms in German and English."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.models import (
    Department,
    MeasureCoDepartment,
    MeasurePrinciple,
    MeasureTopic,
    Principle,
    Topic,
)
from tests import builders


def make_term(model, slug, german_name, english_name=None):
    """A taxonomy term in German and, if named, its English translation (same translation key)."""
    german, english = builders.locales()
    term = model.objects.filter(slug=slug, locale=german).first()
    if term is None:
        term = model.objects.create(slug=slug, name=german_name, locale=german, translation_key=uuid.uuid4())
    if english_name:
        model.objects.update_or_create(
            slug=slug,
            locale=english,
            defaults={"name": english_name, "translation_key": term.translation_key},
        )
    return term


def count_queries(function):
    with CaptureQueriesContext(connection) as context:
        result = function()
    return len(context.captured_queries), result


@pytest.fixture(autouse=True)
def preview_directory(settings, tmp_path):
    """Import previews wait in the test's own temporary directory."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path / "digiradar-import"


@pytest.fixture
def terms(db):
    return {
        "rit": make_term(Department, "rit", "IT-Referat", "IT department"),
        "kvr": make_term(Department, "kvr", "Kreisverwaltungsreferat", "District administration"),
        "mobilitaet": make_term(Topic, "mobilitaet", "Mobilität", "Mobility"),
        "energie": make_term(Topic, "energie", "Energie", "Energy"),
        "datenschutz": make_term(Principle, "datenschutz", "Datenschutz", "Data protection"),
        "barrierefreiheit": make_term(Principle, "barrierefreiheit", "Barrierefreiheit", "Accessibility"),
    }


@pytest.fixture
def catalogue(radar, terms):
    """
    Three live measures and a draft on a 3 × 4 radar:

    ========== ======== ====== ================ ===================== ==============
    measure    sector   ring   departments      topics                principles
    ========== ======== ====== ================ ===================== ==============
    parking    1        1      rit (lead)       mobilitaet            datenschutz
    solar      2        2      kvr, rit (co)    energie               –
    access     3        3      –                mobilitaet, energie   barrierefreiheit
    draft      1        1      rit              –                     –
    ========== ======== ====== ================ ===================== ==============
    """
    parking = builders.make_measure(
        radar,
        "Digitaler Parkausweis",
        sector=0,
        ring=0,
        external_id="M-001",
        lead_department=terms["rit"],
        progress_percent=10,
        progress_as_of=datetime.date(2024, 3, 1),
        start_date=datetime.date(2024, 1, 15),
        budget_planned="125000.50",
        contact_email="parken@example.org",
    )
    MeasureTopic.objects.create(page=parking, topic=terms["mobilitaet"])
    MeasurePrinciple.objects.create(
        page=parking, principle=terms["datenschutz"], text="Datensparsam", locale=parking.locale
    )
    solar = builders.make_measure(
        radar,
        "Solarkataster",
        sector=1,
        ring=1,
        external_id="M-002",
        lead_department=terms["kvr"],
        teaser="Welche Dächer eignen sich für Photovoltaik?",
    )
    MeasureCoDepartment.objects.create(page=solar, department=terms["rit"])
    MeasureTopic.objects.create(page=solar, topic=terms["energie"])
    access = builders.make_measure(radar, "Barrierefreie Formulare", sector=2, ring=2, external_id="M-003")
    MeasureTopic.objects.create(page=access, topic=terms["mobilitaet"])
    MeasureTopic.objects.create(page=access, topic=terms["energie"])
    MeasurePrinciple.objects.create(page=access, principle=terms["barrierefreiheit"], locale=access.locale)
    draft = builders.make_measure(radar, "Entwurf", sector=0, ring=0, publish=False)
    draft.lead_department = terms["rit"]
    draft.save()
    return {"parking": parking, "solar": solar, "access": access, "draft": draft}
