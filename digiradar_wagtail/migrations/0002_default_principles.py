"""Create the six principles of Munich's 2019 digitalisation strategy, in German and English."""

import uuid

from django.conf import settings
from django.db import migrations

PRINCIPLES = [
    ("informationssicherheit", "Informationssicherheit", "Information security"),
    ("datenschutz", "Datenschutz", "Data protection"),
    ("offenheit-und-transparenz", "Offenheit und Transparenz", "Openness and transparency"),
    ("standards", "Standards", "Standards"),
    ("barrierefreiheit", "Barrierefreiheit", "Accessibility"),
    ("buergerzentrierung", "Bürgerzentrierung", "Citizen focus"),
]


def create_principles(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Principle = apps.get_model("digiradar_wagtail", "Principle")
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE.split("-")[0])
    for slug, german, english in PRINCIPLES:
        key = uuid.uuid4()
        for locale in Locale.objects.all():
            name = english if locale.language_code.startswith("en") else german
            Principle.objects.get_or_create(
                slug=slug, locale=locale, defaults={"name": name, "translation_key": key}
            )


def remove_principles(apps, schema_editor):
    Principle = apps.get_model("digiradar_wagtail", "Principle")
    Principle.objects.filter(slug__in=[slug for slug, _, _ in PRINCIPLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("digiradar_wagtail", "0001_initial")]

    operations = [migrations.RunPython(create_principles, remove_principles)]
