"""
How a radar's idea list scales: 10, 100 and 1,000 published ideas with supports, newest first and
most supported first, the open data (``ideas.json``) too.

Prints one JSON line per case, for example ``{"bench": "ideas_list", "ideas": 1000, "sort":
"supported", "queries": 9, "median_ms": 41.3, "status": 200}``. Every render is a fresh one (no
front cache in between). Runs on a throw-away SQLite file, or on PostgreSQL when DATABASE_URL is set.
"""

import json
import os
import random
import statistics
import time

from benchmarks.radar_page import setup_django

# Size knobs (the tests run them small): comma-separated idea counts, renders per case.
SIZES = tuple(int(size) for size in os.environ.get("BENCH_IDEAS_SIZES", "10,100,1000").split(","))
RUNS = int(os.environ.get("BENCH_IDEAS_RUNS", 15))


def build(size, home):
    """A radar with an ideas page and ``size`` published ideas over its sectors, with supports."""
    from digiradar_wagtail.ideas.models import Idea, IdeaSupport
    from tests import builders
    from tests.ideas.conftest import add_ideas_page

    radar = builders.make_radar(home, title=f"Radar {size}", slug=f"radar-{size}", sectors=4, rings=4)
    page = add_ideas_page(radar)
    sectors = list(radar.sectors.all())
    rnd = random.Random(size)
    ideas = Idea.objects.bulk_create(
        Idea(
            radar_key=radar.translation_key,
            sector=sectors[n % 4],
            sector_slug=sectors[n % 4].slug,
            title=f"Idee {n:04d}",
            description="Eine Idee für die Digitalisierung der Stadt. " * 4,
            state="published",
            created_at=builders.days_ago(rnd.randrange(365)),
        )
        for n in range(size)
    )
    IdeaSupport.objects.bulk_create(
        IdeaSupport(idea=idea, voter_id=f"{idea.pk}-{k}") for idea in ideas for k in range(rnd.randrange(20))
    )
    return page


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm Python and templates
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(captured.captured_queries),
        "median_ms": round(statistics.median(timings), 1),
        "status": response.status_code,
        "bytes": len(response.content),
    }


def main():
    setup_django()
    from django.test import Client

    from tests import builders

    home = builders.make_site()
    client = Client()
    for size in SIZES:
        page = build(size, home)
        cases = [
            ("ideas_list", "newest", page.url),
            ("ideas_list", "supported", page.url + "?sort=supported"),
            ("ideas_list", "sector", page.url + "?sort=supported&sector=sektor-2&page=2"),
            ("ideas_json", "newest", page.get_parent().url + "ideas.json"),
        ]
        for bench, sort, url in cases:
            print(
                json.dumps({"bench": bench, "ideas": size, "sort": sort, **measure(client, url)}), flush=True
            )


if __name__ == "__main__":
    main()
