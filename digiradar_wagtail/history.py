"""Signal handlers that keep each measure's history as it is published."""

from django.apps import apps
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import MeasurePage
from .models.history import record_publication


def is_translation(page):
    """
    Is ``page`` a wagtail-localize translation of a measure in another language?

    A translation follows its source only when it is synchronised again; until then it carries the
    source's old ring and progress, and publishing it (say, for a typo) must not "move" the measure.
    """
    if not apps.is_installed("wagtail_localize"):
        return False
    from wagtail_localize.models import TranslationSource

    # A page that was translated is a source in its own locale; a translation's locale has none.
    source_locales = set(
        TranslationSource.objects.filter(object_id=page.translation_key).values_list("locale_id", flat=True)
    )
    return bool(source_locales) and page.locale_id not in source_locales


@receiver(page_published, sender=MeasurePage, dispatch_uid="digiradar_record_history")
def record_measure_history(sender, instance, **kwargs):
    if not is_translation(instance):
        record_publication(instance)
