"""
Search latency on PostgreSQL: ``python -m benchmarks.search_latency``.

Builds a German and an English radar with 1,000 measures each (varied words, indexed with the
German and the English configuration by ``digiradar_wagtail.search``) in a throw-away database,
then requests each radar page filtered by a few queries in its language. Prints one JSON line per
query, for example ``{"bench": "search_latency", "language": "de", "q": "Schule", "measures":
1000, "matches": 145, "queries": 20, "queries_without_search": 19, "page_p50_ms": 473.2,
"page_p99_ms": 656.2, "search_p50_ms": 16.4, "search_p99_ms": 31.9, ...}``: the whole page (never
cached with ``q``; with 5 runs its p99 is the slowest run), the search alone (50 runs), and the
load average, since other processes on the machine slow both. Fails unless a search costs the page exactly one
query, whatever it finds, in either language. Talks only to PostgreSQL at ``BENCH_PG`` (127.0.0.1).
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Dropped and created again on every run; the tests name one of their own.
DATABASE = os.environ.get("BENCH_SEARCH_DATABASE", "digiradar_search_bench")
# A migrated database to copy instead of migrating a fresh one (the tests migrate one for several).
TEMPLATE = os.environ.get("BENCH_SEARCH_TEMPLATE")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
MEASURES = int(os.environ.get("BENCH_MEASURES", 1000))
PAGE_RUNS = int(os.environ.get("BENCH_PAGE_RUNS", 5))  # a radar of 1,000 measures takes a while to draw
SEARCH_RUNS = int(os.environ.get("BENCH_SEARCH_RUNS", 50))
# Filler words (made of syllables, so no stemmer knows them), among which the words below are rare.
SYLLABLES = "ka lo mi ne tu ra si po de fu".split()
FILLER = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]

# Words the measures are made of: inflected forms, so that a query finds them only by stemming.
WORDS = {
    "de": (
        "Schulen Schule Verkehrs Verkehr Anträge Antrag Bürgerinnen Bürger digitale digitalen Ämter "
        "Verwaltungen Formulare Daten offene Plattformen Ampeln Parkplätze Radwege Kitas Bibliotheken "
        "Gebühren Termine Wohnungen Energie Netze Sensoren Karten Dienste Beteiligung Stadtteile "
        "Klassenzimmer Tablets Glasfaser Rathaus Meldungen Umwelt Luftqualität Bäume Haltestellen"
    ).split(),
    "en": (
        "schools school traffic applications application citizens citizen digital offices forms data "
        "open platforms lights parking cycle lanes nurseries libraries fees appointments housing energy "
        "networks sensors maps services participation districts classrooms tablets fibre town hall "
        "reports environment air quality trees stops permits"
    ).split(),
}
QUERIES = {
    "de": ["Schule", "Antrag digital", "Zeppelin"],
    "en": ["school", "parking permit", "zeppelin"],
}


def setup_django():
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        template = f' TEMPLATE "{TEMPLATE}"' if TEMPLATE else ""
        connection.execute(f'CREATE DATABASE "{DATABASE}"{template}')
    os.environ["DATABASE_URL"] = f"{PG}/{DATABASE}"
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0, interactive=False)


def build(home, language):
    """A radar in ``language`` with MEASURES live measures of random words, indexed in one batch."""
    from django.db import transaction
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from digiradar_wagtail.models import MeasurePage
    from tests import builders

    if language != home.locale.language_code:
        home = home.get_translation(Locale.objects.get(language_code=language))
    radar = builders.make_radar(home, title=f"Radar {language}", slug=f"radar-{language}")
    sectors, rings = list(radar.sectors.all()), list(radar.rings.all())
    rnd = random.Random(language)
    words = WORDS[language]
    pages = [
        MeasurePage(
            title=" ".join([rnd.choice(words), *rnd.sample(FILLER, 2)]).capitalize(),
            slug=f"m-{index:04d}",
            teaser=" ".join([*rnd.sample(words, 2), *rnd.sample(FILLER, 12)]) + ".",
            sector=rnd.choice(sectors),
            ring=rnd.choice(rings),
            locale=radar.locale,
        )
        for index in range(MEASURES)
    ]
    post_save.disconnect(post_save_signal_handler, sender=MeasurePage)  # indexed below, in one batch
    try:
        # One commit, not a thousand; Wagtail's reference index (nothing to find in these) left out.
        with transaction.atomic(), disable_reference_index_auto_update():
            # The paths treebeard's add_child gives, without Wagtail validating every field of every
            # page (that alone would take half the build).
            for step, page in enumerate(pages, start=1):
                page.depth = radar.depth + 1
                page.path = MeasurePage._get_path(radar.path, page.depth, step)
                page.save(clean=False)
            Page.objects.filter(pk=radar.pk).update(numchild=len(pages))
    finally:
        post_save.connect(post_save_signal_handler, sender=MeasurePage)
    get_search_backend().add_bulk(MeasurePage, list(MeasurePage.objects.child_of(radar)))
    return radar


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function, runs, collect=False):
    """``function``'s last result (or the set of all with ``collect``) and its p50 and p99."""
    timings, results = [], set()
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - started) * 1000)
        results.add(result)
    p50, p99 = statistics.median(timings), percentile(timings, 0.99)
    return results if collect else result, {"p50_ms": round(p50, 1), "p99_ms": round(p99, 1)}


def page_queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


def measure_query(client, radar, q):
    """The radar page filtered by ``q`` (never cached), and the search alone."""
    from digiradar_wagtail.public import filters

    counts, page = timed(lambda: page_queries(client, radar.url, {"q": q}), PAGE_RUNS, collect=True)
    matches, search = timed(lambda: len(filters._search_ranking(radar, q)), SEARCH_RUNS)
    return {
        "matches": matches,
        "queries": counts.pop() if len(counts) == 1 else sorted(counts),
        "page_runs": PAGE_RUNS,
        **{f"page_{key}": value for key, value in page.items()},
        "search_runs": SEARCH_RUNS,
        **{f"search_{key}": value for key, value in search.items()},
    }


def main():
    setup_django()
    from django.db import connection
    from django.test import Client

    from tests import builders

    assert connection.vendor == "postgresql"
    home = builders.make_site()
    client = Client()
    extra_queries = set()
    try:
        for language in ("de", "en"):
            started = time.perf_counter()
            radar = build(home, language)
            built = round(time.perf_counter() - started, 1)
            client.get(radar.url)  # warm Python, templates and Wagtail's caches
            # The same uncached page with a q that has no word: everything but the search.
            no_search = page_queries(client, radar.url, {"q": "?"})
            for q in QUERIES[language]:
                figures = measure_query(client, radar, q)
                # A search costs the same queries whatever it finds and in either language.
                assert isinstance(figures["queries"], int), f"{q!r}: query counts {figures['queries']}"
                extra_queries.add(figures["queries"] - no_search)
                line = {"bench": "search_latency", "language": language, "q": q, "measures": MEASURES}
                load = round(os.getloadavg()[0], 1)
                figures.update(queries_without_search=no_search, build_s=built, load_1m=load)
                print(json.dumps({**line, **figures}, ensure_ascii=False), flush=True)
        assert extra_queries == {1}, f"a search should cost the page one query, not {extra_queries}"
    finally:
        connection.close()
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    main()
