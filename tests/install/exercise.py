"""
Build a small site in the tests' own project (``tests.testapp``): a home page, a radar with the
default sectors and rings, and one published measure. Prints the URLs to fetch, as JSON.

    DIGIRADAR_TEST_APPS=ratings SQLITE_PATH=/tmp/x.sqlite3 python -m tests.install.exercise
"""

import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.testapp.settings")

import django  # noqa: E402

django.setup()

from wagtail.models import Locale, Page, Site  # noqa: E402

from digiradar_wagtail.models import MeasurePage, RadarIndexPage  # noqa: E402
from tests.testapp.models import HomePage  # noqa: E402


def build():
    german = Locale.objects.get_or_create(language_code="de")[0]
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Startseite", slug="start", locale=german))
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
    radar = RadarIndexPage(title="Digitalisierungsradar", slug="radar", locale=german).with_default_parts()
    home.add_child(instance=radar)
    radar.save_revision().publish()
    sector, ring = radar.sectors.first(), radar.rings.first()
    measure = MeasurePage(title="Bürger-ID", teaser="Ein Konto für alle Dienste.", sector=sector, ring=ring)
    radar.add_child(instance=measure)
    measure.save_revision().publish()
    return radar, measure


def build_ideas(radar):
    """An ideas page below the radar with one published idea (when the ideas app is installed)."""
    from digiradar_wagtail.ideas.models import Idea, IdeasPage

    page = IdeasPage(title="Ideen", slug="ideen", locale=radar.locale)
    radar.add_child(instance=page)
    page.save_revision().publish()
    sector = radar.sectors.first()
    Idea.objects.create(
        radar_key=radar.translation_key,
        sector=sector,
        sector_slug=sector.slug,
        title="Offenes WLAN",
        description="In allen Bibliotheken.",
        state="published",
    )
    return page


if __name__ == "__main__":
    from django.apps import apps

    radar, measure = build()
    radar_url = radar.get_url()
    ideas = build_ideas(radar) if apps.is_installed("digiradar_wagtail.ideas") else None
    print(
        json.dumps(
            {
                "radar": radar_url,
                "measure": measure.get_url(),
                "exports": [radar_url + name for name in ("export.json", "export.csv", "feed.atom")]
                + [measure.get_url() + "feed.atom"],
                "ideas": [ideas.get_url(), radar_url + "ideas.json", radar_url + "ideas.csv"]
                if ideas
                else [],
            }
        )
    )
