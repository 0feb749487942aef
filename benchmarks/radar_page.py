"""
How the radar page, one sector's view and the JSON export scale: 10, 100 and 1,000 measures,
cold and warm cache.

Prints one JSON line per case, for example ``{"bench": "radar_page", "measures": 1000,
"cache": "cold", "queries": 22, "median_ms": 120.2, "median_cpu_ms": 110.3, "html_bytes": 350123,
"gzip_bytes": 40211}``: "cold" is the first render (the radar's fragment cache emptied before each
run); ``median_cpu_ms`` the process's CPU time for it (what the render costs, whatever else runs on
the machine); ``html_bytes`` the page uncompressed and ``gzip_bytes`` as gzip (level 6) sends it.
Runs on a throw-away SQLite file, or on PostgreSQL when DATABASE_URL is set.
"""

import gzip
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from benchmarks import throwaway_sqlite

ROOT = Path(__file__).resolve().parent.parent
# Size knobs (the tests run them small): comma-separated measure counts, renders per case.
SIZES = tuple(int(size) for size in os.environ.get("BENCH_RADAR_SIZES", "10,100,1000").split(","))
RUNS = {
    "cold": int(os.environ.get("BENCH_RADAR_COLD_RUNS", 5)),
    "warm": int(os.environ.get("BENCH_RADAR_WARM_RUNS", 15)),
}


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = throwaway_sqlite()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0, interactive=False)


def build(size, home):
    """A radar with ``size`` live measures over 4 sectors x 4 rings, 15 % of them in one cell
    (150 of 1,000, as in issue 12's comparison), the rest at random (no revisions: speed)."""
    from digiradar_wagtail.models.history import MeasureHistoryEntry
    from tests import builders

    radar = builders.make_radar(home, title=f"Radar {size}", slug=f"radar-{size}", sectors=4, rings=4)
    rnd = random.Random(size)
    crowded = size * 15 // 100
    placements = [(0, 0)] * crowded + [(rnd.randrange(4), rnd.randrange(4)) for _ in range(size - crowded)]
    for measure in builders.add_live_measures(radar, placements):
        MeasureHistoryEntry.objects.create(
            measure_key=measure.translation_key, ring_key=measure.ring.translation_key, progress_percent=0
        )
    return radar


def measure(client, url, cache_state):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, cpu, queries, status = [], [], None, None
    client.get(url)  # warm Python, templates and (for "warm") the cache
    for _ in range(RUNS[cache_state]):
        if cache_state == "cold":
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries, status = len(captured.captured_queries), response.status_code
    body = response.content
    return {
        "queries": queries,
        "median_ms": round(statistics.median(timings), 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),
        "status": status,
        "html_bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, compresslevel=6)),
    }


def main():
    setup_django()
    from django.test import Client

    from tests import builders

    home = builders.make_site()
    client = Client()
    for size in SIZES:
        radar = build(size, home)
        cases = (("radar_page", ""), ("radar_sector", "?sector=sektor-1"), ("export_json", "export.json"))
        for bench, suffix in cases:
            for cache_state in ("cold", "warm"):
                figures = measure(client, radar.url + suffix, cache_state)
                print(
                    json.dumps({"bench": bench, "measures": size, "cache": cache_state, **figures}),
                    flush=True,
                )


if __name__ == "__main__":
    main()
