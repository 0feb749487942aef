"""
How the radar page and its JSON export scale: 10, 100 and 1,000 measures, cold and warm cache.

Prints one JSON line per case, for example
``{"bench": "radar_page", "measures": 1000, "cache": "cold", "queries": 14, "median_ms": 180.2}``.
Runs on a throw-away SQLite file, or on PostgreSQL when DATABASE_URL is set.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10, 100, 1000)
RUNS = {"cold": 5, "warm": 15}


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0, interactive=False)


def build(size, home):
    """A radar with ``size`` live measures spread over 3 sectors x 4 rings (no revisions: speed)."""
    from digiradar_wagtail.models import MeasurePage
    from digiradar_wagtail.models.history import MeasureHistoryEntry
    from tests import builders

    radar = builders.make_radar(home, title=f"Radar {size}", slug=f"radar-{size}")
    sectors, rings = list(radar.sectors.all()), list(radar.rings.all())
    rnd = random.Random(size)
    for index in range(size):
        measure = radar.add_child(
            instance=MeasurePage(
                title=f"Maßnahme {index:04d}",
                slug=f"m-{index:04d}",
                teaser="Eine Maßnahme der Digitalisierungsstrategie.",
                sector=rnd.choice(sectors),
                ring=rnd.choice(rings),
                progress_percent=rnd.randrange(101),
                locale=radar.locale,
            )
        )
        MeasureHistoryEntry.objects.create(
            measure_key=measure.translation_key, ring_key=measure.ring.translation_key, progress_percent=0
        )
    return radar


def measure(client, url, cache_state):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries, status = [], None, None
    client.get(url)  # warm Python, templates and (for "warm") the cache
    for _ in range(RUNS[cache_state]):
        if cache_state == "cold":
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured.captured_queries), response.status_code
    return {"queries": queries, "median_ms": round(statistics.median(timings), 1), "status": status}


def main():
    setup_django()
    from django.test import Client

    from tests import builders

    home = builders.make_site()
    client = Client()
    for size in SIZES:
        radar = build(size, home)
        for bench, suffix in (("radar_page", ""), ("export_json", "export.json")):
            for cache_state in ("cold", "warm"):
                figures = measure(client, radar.url + suffix, cache_state)
                print(
                    json.dumps({"bench": bench, "measures": size, "cache": cache_state, **figures}),
                    flush=True,
                )


if __name__ == "__main__":
    main()
