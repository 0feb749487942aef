"""
Translations: objects and related measures in the page's language without one query per
object, and telling a wagtail-localize translation from its source.
"""

from django.apps import apps

from .models import MeasurePage


def in_locale(objects, locale):
    """
    Return ``objects`` (all of one model) in ``locale`` where a translation exists.

    Synchronised foreign keys keep pointing at the source language's department or topic;
    this swaps each for its translation with one query, falling back to the original.
    """
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    keys = {obj.translation_key for obj in objects if obj.locale_id != locale.pk}
    if not keys:
        return objects
    found = {
        obj.translation_key: obj for obj in model.objects.filter(translation_key__in=keys, locale=locale)
    }
    return [found.get(obj.translation_key, obj) if obj.locale_id != locale.pk else obj for obj in objects]


def live_measures_in_locale(measure_ids, locale):
    """
    ``{measure id: the live, public measure of the same translation key in locale}``, in three
    queries whatever the number of ids; a measure without such a version is left out.

    Relations between measures are synchronised by wagtail-localize, so the relations of a
    translation keep pointing at the source language's measures. The measure page and the
    exports both show each related measure in the page's language, and only where it is live.
    """
    measure_ids = set(measure_ids)
    if not measure_ids:
        return {}
    key_by_id = dict(MeasurePage.objects.filter(pk__in=measure_ids).values_list("pk", "translation_key"))
    in_locale_by_key = {
        measure.translation_key: measure
        for measure in MeasurePage.objects.live()
        .public()
        .filter(translation_key__in=set(key_by_id.values()), locale=locale)
    }
    return {
        measure_id: in_locale_by_key[key] for measure_id, key in key_by_id.items() if key in in_locale_by_key
    }


def is_translation(page):
    """
    Is ``page`` a wagtail-localize translation of a page in another language?

    A translation follows its source only when it is synchronised again; until then it carries the
    source's old ring and progress, and publishing it (say, for a typo) must not "move" the measure.
    """
    if not apps.is_installed("wagtail_localize"):
        return False
    from wagtail_localize.models import TranslationSource  # only where wagtail-localize is installed

    # A page that was translated is a source in its own locale; a translation's locale has none.
    source_locales = set(
        TranslationSource.objects.filter(object_id=page.translation_key).values_list("locale_id", flat=True)
    )
    return bool(source_locales) and page.locale_id not in source_locales
