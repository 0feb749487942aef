"""
Translations: objects in the page's language without one query per object, and telling a
wagtail-localize translation from its source.
"""

from django.apps import apps


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
