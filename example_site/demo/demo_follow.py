"""Demo followers: a few in German and English, and one department with the weekly digest on.

``load(measures)`` is called by ``load_demo`` with the German measure pages; running it again adds
nothing. The followers of a measure with progress are told of it at once, so the demo's
mail worker prints their mails (with the unsubscribe link) on the console.
"""

from django.utils import timezone
from wagtail.models import Locale

from digiradar_wagtail.follow.models import Frequency, Subscription
from digiradar_wagtail.follow.notify import store_change
from digiradar_wagtail.follow.subjects import key, public_url
from digiradar_wagtail.models import Department

# (measure index or "radar", language, address, frequency)
FOLLOWERS = [
    (0, "de", "anna.follows@example.org", Frequency.IMMEDIATE),
    (0, "en", "sam.follows@example.org", Frequency.IMMEDIATE),
    (1, "de", "jonas.weekly@example.org", Frequency.WEEKLY),
    ("radar", "de", "presse@example.org", Frequency.WEEKLY),
    ("radar", "en", "newsroom@example.org", Frequency.IMMEDIATE),
]


def _in(page, language):
    if page.locale.language_code == language:
        return page
    locale = Locale.objects.filter(language_code=language).first()
    return page.get_translation_or_none(locale) if locale else None


def load(measures):
    # Measures with progress first: their followers are told of it.
    measures = sorted(measures, key=lambda measure: not measure.progress_percent)
    if not measures or Subscription.objects.exists():
        return
    radar = measures[0].get_parent().specific
    for index, language, email, frequency in FOLLOWERS:
        subject = _in(radar if index == "radar" else measures[index], language)
        if subject is None:
            continue
        content_type, object_id = key(subject)
        Subscription.objects.create(
            content_type=content_type,
            object_id=object_id,
            email=email,
            language=language,
            frequency=frequency,
            confirmed_at=timezone.now(),
        )
    for language in ("de", "en"):
        measure = _in(measures[0], language)
        if measure is not None and measure.progress_percent is not None:
            summary = {"de": "Fortschritt: %d %%.", "en": "Progress: %d %%."}[
                language
            ] % measure.progress_percent
            store_change(measure.specific, "progress", summary, public_url(measure.specific))
    department = measures[0].lead_department
    if department is not None:
        Department.objects.filter(translation_key=department.translation_key).update(
            weekly_digest=True, contact_email=department.contact_email or f"{department.slug}@example.invalid"
        )
