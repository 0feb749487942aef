"""Build real page trees for tests: a site with German and English roots, radars, measures."""

import datetime

from demo.models import HomePage
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import TranslationSource

from digiradar_wagtail.models import MeasureMilestone, MeasurePage, RadarIndexPage, RadarRing, RadarSector


def locales():
    german = Locale.objects.get_or_create(language_code="de")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    return german, english


def make_site():
    """A default site whose German home page has an English translation."""
    german, english = locales()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Startseite", slug="start", locale=german))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    home.copy_for_translation(english, copy_parents=False).save_revision().publish()
    return home


def make_radar(home, title="Digitalisierungsradar", slug="radar", sectors=3, rings=4, publish=True):
    radar = RadarIndexPage(title=title, slug=slug, locale=home.locale)
    radar.sectors.add(*numbered(RadarSector, "Sektor", sectors, "#1f5fa8", home.locale))
    radar.rings.add(*numbered(RadarRing, "Ring", rings, "#2b7a3d", home.locale))
    home.add_child(instance=radar)
    if publish:
        radar.save_revision().publish()
    return radar


def numbered(model, name, count, colour, locale):
    """``count`` sectors or rings in order: "Sektor 1" (slug ``sektor-1``), "Sektor 2", …"""
    return [
        model(name=f"{name} {n}", slug=f"{name.lower()}-{n}", colour=colour, locale=locale, sort_order=n - 1)
        for n in range(1, count + 1)
    ]


def make_measure(radar, title, sector=0, ring=0, publish=True, **fields):
    sectors, rings = list(radar.sectors.all()), list(radar.rings.all())
    fields.setdefault("teaser", f"Kurzbeschreibung von {title}.")
    fields.setdefault("slug", None)
    measure = MeasurePage(
        title=title,
        sector=sectors[sector],
        ring=rings[ring],
        locale=radar.locale,
        live=publish,  # Page.live defaults to True; a draft must not be live
        **{key: value for key, value in fields.items() if value is not None},
    )
    radar.add_child(instance=measure)
    if publish:
        measure.save_revision().publish()
    return measure


def make_citizen_id(radar, lead_department, milestone="Pilot", **fields):
    """
    "Digitale Bürger-ID", the measure whose detail the tests read: placed, dated, with progress, a
    lead department and one milestone. A draft: the caller adds what it checks, then publishes.
    """
    fields = {
        "sector": 2,
        "ring": 1,
        "progress_percent": 40,
        "progress_as_of": datetime.date(2024, 3, 1),
        "start_date": datetime.date(2023, 1, 1),
        "planned_end_date": datetime.date(2025, 12, 31),
        "external_id": "M-042",
        "contact_email": "buerger-id@example.invalid",
        **fields,
    }
    measure = make_measure(
        radar, "Digitale Bürger-ID", publish=False, lead_department=lead_department, **fields
    )
    measure.milestones.add(
        MeasureMilestone(title=milestone, due_date=datetime.date(2024, 6, 30), locale=radar.locale)
    )
    return measure


def translate(page, locale):
    """Translate ``page`` (and its untranslated parents) with wagtail-localize, and publish it."""
    # Translate what the database holds: an instance that published a revision may still carry
    # unsaved copies of its child rows, which wagtail-localize would then copy twice.
    page = page.specific_class.objects.get(pk=page.pk)
    parent = page.get_parent().specific
    if not parent.is_root() and parent.get_translation_or_none(locale) is None:
        translate(parent, locale)
    # update_or_create: translating again after the source changed must carry the change over
    # (get_or_create would keep the first snapshot of the source).
    source, _ = TranslationSource.update_or_create_from_instance(page)
    # publish=False, then publish here: wagtail-localize publishes on commit, which never comes
    # inside a test's transaction.
    translation, _ = source.create_or_update_translation(locale, publish=False, fallback=True)
    translation.get_latest_revision().publish()
    return translation.specific.__class__.objects.get(pk=translation.pk)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def add_live_measures(radar, placements, prefix="Maßnahme"):
    """Live measures without revisions (fast, for large radars): one per ``(sector, ring)`` index
    pair in ``placements``, titled ``<prefix> 0000`` onwards."""
    sectors, rings = list(radar.sectors.all()), list(radar.rings.all())
    return [
        radar.add_child(
            instance=MeasurePage(
                title=f"{prefix} {index:04d}",
                slug=f"{slugify(prefix)}-{index:04d}",
                teaser="Eine Maßnahme der Digitalisierungsstrategie.",
                sector=sectors[sector],
                ring=rings[ring],
                progress_percent=(index * 37) % 101,
                locale=radar.locale,
            )
        )
        for index, (sector, ring) in enumerate(placements)
    ]
