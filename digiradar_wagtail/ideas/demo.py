"""
Demo content of the ideas app: an ideas page below the demo radar in German and English and ten
ideas in every state, one of them taken up as a measure. Called by the demo's ``load_demo``
command (``load(measures)``); running it again changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from ..participation.voters import voter_id_of
from . import moderation
from .models import HIDDEN, PENDING, PUBLISHED, Answer, Idea, IdeasPage, IdeaSupport

PAGE = {
    "de": (
        "Bürgerideen",
        "ideen",
        "Schlagen Sie eine Maßnahme für das Radar vor. Die Stadt beantwortet jede Idee.",
    ),
    "en": ("Citizen ideas", "ideas", "Propose a measure for the radar. The city answers every idea."),
}

TAKEN_UP_MEASURE = "DR-2019-015"
# (language, title, description, sector index, state, answer, answer text, supports, days ago)
IDEAS = [
    (
        "de",
        "Offenes WLAN in allen Stadtbibliotheken",
        "Kostenloses WLAN ohne Anmeldung in jeder Stadtbibliothek, "
        "damit alle dort lernen und arbeiten können.",
        1,
        PUBLISHED,
        Answer.TAKEN_UP,
        "Wir greifen die Idee auf: Die Bibliotheken kommen zur Maßnahme „WLAN im öffentlichen Raum“.",
        41,
        60,
    ),
    (
        "de",
        "Sitzbänke mit Solar-Ladestation",
        "An Haltestellen Bänke aufstellen, an denen man das Telefon mit Sonnenstrom laden kann.",
        1,
        PUBLISHED,
        Answer.UNDER_REVIEW,
        "Das Baureferat prüft drei Standorte am Altstadtring.",
        23,
        40,
    ),
    (
        "de",
        "Termine im Bürgerbüro per SMS erinnern",
        "Eine SMS am Vortag, damit weniger Termine verfallen.",
        2,
        PUBLISHED,
        Answer.RECEIVED,
        "",
        12,
        12,
    ),
    (
        "de",
        "Schul-Tablets reparieren statt ersetzen",
        "Eine städtische Reparaturwerkstatt für Schulgeräte, mit Ausbildungsplätzen.",
        0,
        PUBLISHED,
        Answer.NOT_PURSUED,
        "Die Geräte sind geleast; der Anbieter repariert sie im Vertrag. Danke für den Vorschlag!",
        7,
        30,
    ),
    (
        "en",
        "Open data on free parking spaces",
        "Publish the occupancy of public car parks as open data, updated every minute.",
        1,
        PUBLISHED,
        Answer.UNDER_REVIEW,
        "The mobility department is checking which sensors can deliver this.",
        18,
        20,
    ),
    (
        "en",
        "Plain-language versions of city forms",
        "Every online form should have a plain-language explanation next to it.",
        2,
        PUBLISHED,
        Answer.RECEIVED,
        "",
        9,
        5,
    ),
    (
        "de",
        "Digitale Sprechstunde für Seniorinnen und Senioren",
        "Einmal im Monat Hilfe mit Smartphone und Online-Anträgen im Stadtteilzentrum.",
        0,
        PUBLISHED,
        Answer.RECEIVED,
        "",
        3,
        2,
    ),
    (
        "de",
        "Baustellen-Karte mit Umleitungen",
        "Alle Baustellen der Stadt auf einer Karte, mit den Umleitungen für Rad und Fuß.",
        1,
        PENDING,
        Answer.RECEIVED,
        "",
        0,
        1,
    ),
    (
        "en",
        "Live queue times at the citizens' office",
        "Show the current waiting time of each office on the website.",
        2,
        PENDING,
        Answer.RECEIVED,
        "",
        0,
        0,
    ),
    (
        "de",
        "Gratis Werbung für meinen Laden",
        "Besuchen Sie www.example.com für tolle Angebote!",
        2,
        HIDDEN,
        Answer.RECEIVED,
        "",
        0,
        3,
    ),
]


def load(measures):
    """Create the demo's ideas pages and ideas below the radar of ``measures`` (German first)."""
    if not measures:
        return
    radar = measures[0].get_parent().specific
    if IdeasPage.objects.filter(radar_key=radar.translation_key).exists():
        return
    german_page = _ideas_page(radar, "de")
    english_radar = radar.get_translation_or_none(Locale.objects.get(language_code="en"))
    if english_radar is not None:
        _ideas_page(english_radar, "en")
    sectors = list(radar.sectors.order_by("sort_order"))
    now = timezone.now()
    city = get_user_model().objects.filter(is_superuser=True).first()
    # The demo city's "WLAN im öffentlichen Raum", else any live measure in the idea's sector.
    taken_up = next(
        (measure for measure in measures if measure.external_id == TAKEN_UP_MEASURE), None
    ) or next(
        (measure for measure in measures if measure.sector_id == sectors[1].pk and measure.live), measures[0]
    )
    for language, title, description, sector, state, answer, text, supports, days in IDEAS:
        created = now - datetime.timedelta(days=days, hours=3)
        idea = Idea.objects.create(
            radar_key=radar.translation_key,
            radar=radar,
            sector=sectors[sector],
            sector_slug=sectors[sector].slug,
            title=title,
            description=description,
            language=language,
            state=state,
            created_at=created,
            held_for="links" if "www." in description else "",
        )
        IdeaSupport.objects.bulk_create(
            IdeaSupport(idea=idea, voter_id=voter_id_of(f"demo-{idea.pk}-{n}", "demo"), created_at=created)
            for n in range(supports)
        )
        if state == PUBLISHED and (answer != Answer.RECEIVED or text):
            moderation.answer(
                idea, city, answer, text, measure=taken_up if answer == Answer.TAKEN_UP else None
            )
    return german_page


def _ideas_page(radar, language):
    title, slug, intro = PAGE[language]
    if language == radar.locale.language_code and radar.locale.language_code == "de":
        page = IdeasPage(title=title, slug=slug, intro=intro, locale=radar.locale)
        radar.add_child(instance=page)
    else:
        source = IdeasPage.objects.get(radar_key=radar.translation_key, locale__language_code="de")
        page = source.copy_for_translation(radar.locale, copy_parents=False)
        page.title, page.slug, page.intro = title, slug, intro
        page.save()
    page.save_revision().publish()
    return page
