"""Show translatable objects in the page's language without one query per object."""


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
