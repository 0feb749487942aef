"""
Run inside a project made by ``wagtail start`` (copied there by ``test_readme_install``): imports only
what a city has, the project's ``home`` app and the installed plugin, never the tests.

    python readme_city.py build [en]   a radar with its default parts and one published measure
                                       under the home page; with ``en`` also the English locale and
                                       translations by wagtail-localize. Prints the URLs as JSON.
    python readme_city.py state        the comments' states and the number of votes, as JSON.
"""

import json
import sys

import django

django.setup()

from django.apps import apps  # noqa: E402
from home.models import HomePage  # noqa: E402

import digiradar_wagtail  # noqa: E402
from digiradar_wagtail.models import MeasurePage, RadarIndexPage  # noqa: E402


def translate(page, locale):
    from wagtail_localize.models import TranslationSource

    # What the database holds: a page that just published a revision may carry unsaved child rows.
    page = page.specific_class.objects.get(pk=page.pk)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    # fallback: strings nobody translated yet keep the source text (as after "Translate" in the admin).
    translation, _ = source.create_or_update_translation(locale, publish=True, fallback=True)
    return translation.specific_class.objects.get(pk=translation.pk)


def build(english):
    home = HomePage.objects.get(depth=2)
    radar = RadarIndexPage(title="Digitalisierungsradar", slug="radar", locale=home.locale)
    radar.with_default_parts()
    home.add_child(instance=radar)
    radar.save_revision().publish()
    measure = MeasurePage(
        title="Bürger-ID",
        slug="buerger-id",
        teaser="Ein Konto für alle Dienste.",
        sector=radar.sectors.first(),
        ring=radar.rings.first(),
    )
    radar.add_child(instance=measure)
    measure.save_revision().publish()
    radar = RadarIndexPage.objects.get(pk=radar.pk)
    urls = {
        "module": digiradar_wagtail.__file__,
        "language": home.locale.language_code,
        "sectors": list(radar.sectors.values_list("name", flat=True)),
        "radar": radar.get_url(),
        "measure": MeasurePage.objects.get(pk=measure.pk).get_url(),
    }
    if english:
        from wagtail.models import Locale

        locale = Locale.objects.create(language_code="en")
        translate(home, locale)
        radar_en = translate(radar, locale)
        measure_en = translate(measure, locale)
        urls.update(radar_en=radar_en.get_url(), measure_en=measure_en.get_url())
    return urls


def state():
    found = {}
    if apps.is_installed("digiradar_wagtail.comments"):
        from digiradar_wagtail.comments.models import Comment

        found["comments"] = list(Comment.objects.values_list("state", flat=True))
    if apps.is_installed("digiradar_wagtail.ratings"):
        from digiradar_wagtail.ratings.models import Vote

        found["votes"] = list(Vote.objects.values_list("value", flat=True))
    return found


if __name__ == "__main__":
    command = sys.argv[1]
    result = build(english="en" in sys.argv[2:]) if command == "build" else state()
    print(json.dumps(result))
