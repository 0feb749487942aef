"""Load the demo city: a German and English radar with Munich-style measures. Safe to run again."""

import importlib
import importlib.util
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.loader import DemoLoader
from digiradar_wagtail.models import Department, MeasureHistoryEntry, MeasurePage, Principle, Topic

# Written by other parts of the project; each provides load(measures) and may not exist yet.
OPTIONAL_LOADERS = [
    "demo.demo_comments",
    "demo.demo_ratings",
    "digiradar_wagtail.ideas.demo",
    "demo.demo_follow",
]


class Command(BaseCommand):
    help = "Create (or complete) the demo city. Running it again changes nothing."

    def handle(self, *args, **options):
        started = time.monotonic()
        # All or nothing: a half-loaded demo would be skipped as "exists" by the next run.
        with transaction.atomic():
            radar, measures = DemoLoader().load()
        for name in OPTIONAL_LOADERS:
            if importlib.util.find_spec(name) is not None:
                with transaction.atomic():
                    importlib.import_module(name).load(measures)

        keys = [measure.translation_key for measure in measures]
        self.stdout.write(
            f"Demo city loaded in {time.monotonic() - started:.1f} s: radar at {radar.get_url()}, "
            f"{MeasurePage.objects.filter(translation_key__in=keys).count()} measure pages "
            f"({len(measures)} measures in German and English), "
            f"{MeasureHistoryEntry.objects.filter(measure_key__in=keys).count()} history entries, "
            f"{Department.objects.count()} departments, {Topic.objects.count()} topics, "
            f"{Principle.objects.count()} principles (counting both languages)."
        )
        self.stdout.write(
            "User admin / admin: for local use only; never load the demo on a server others can reach."
        )
