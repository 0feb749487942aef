"""
The read path as a city runs it: ``python -m benchmarks.read_path``.

The demo city (load_demo: a radar and 32 measures, in the PostgreSQL database
digiradar_prod_bench_read, created and loaded on the first run and kept for the next) on the
production stack of ``make prod-demo``:
Varnish (docs/deploy/varnish.vcl) -> gunicorn x4 (example_site.production) -> PostgreSQL + Redis.
CLIENTS concurrent clients (threads) read the German radar page and the 32 German measure pages
in turn, REQUESTS in all (or as many as SECONDS allow), first through Varnish, then directly
against gunicorn. Each prints one
JSON line: requests/s, p50/p99, status counts and, through Varnish, the hit ratio (from the
X-Cache header the VCL sets, and Varnish's own counters). The goal through Varnish is a hit ratio
of at least 0.99 (``goal_met``). Everything stays on 127.0.0.1.
"""

import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from run_stack import (
    Gunicorn,
    Varnish,
    collect_static,
    free_port,
    prepare_database,
    production_environment,
)

from benchmarks import ROOT
from benchmarks.ratings_load import percentile

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Kept between runs (created and loaded on the first); the tests name one of their own.
DATABASE_URL = f"{PG}/{os.environ.get('BENCH_READ_DATABASE', 'digiradar_prod_bench_read')}"
REDIS_URL = os.environ.get("BENCH_READ_REDIS_URL", "redis://127.0.0.1:6379/14")
CLIENTS = int(os.environ.get("BENCH_READ_CLIENTS", 100))
REQUESTS = int(os.environ.get("BENCH_READ_REQUESTS", 3000))
SECONDS = int(os.environ.get("BENCH_READ_SECONDS", 60))  # a scenario stops sending after this
TIMEOUT = 30
GOAL_HIT_RATIO = 0.99


def fetch(url, timeout=TIMEOUT):
    """``(status or error name, X-Cache header, seconds)`` of one GET with a fresh connection."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status, cache = response.status, response.headers.get("X-Cache")
    except urllib.error.HTTPError as error:
        status, cache = error.code, error.headers.get("X-Cache")
    except (OSError, http.client.HTTPException) as error:  # refused, reset, cut off, timed out
        reason = getattr(error, "reason", error)
        status, cache = f"error:{type(reason).__name__}", None
    return status, cache, time.perf_counter() - started


def run_load(base, paths, clients=CLIENTS, requests=REQUESTS, seconds=SECONDS):
    """``clients`` threads GET ``paths`` in turn until ``requests`` are sent (or ``seconds`` pass)."""
    results, lock = [], threading.Lock()
    sent = iter(range(requests))
    deadline = time.monotonic() + seconds

    def client(number):
        mine = []
        while time.monotonic() < deadline:
            with lock:
                index = next(sent, None)
            if index is None:
                break
            mine.append(fetch(base + paths[(index + number) % len(paths)]))
        with lock:
            results.extend(mine)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return results, time.perf_counter() - started


def summary(results, elapsed):
    latencies = [seconds for _, _, seconds in results]
    statuses = Counter(str(status) for status, _, _ in results)
    return {
        "requests": len(results),
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(results) / elapsed, 1) if elapsed else None,
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1) if latencies else None,
        "status": dict(sorted(statuses.items())),
    }


def demo_paths(env):
    """The German radar page and the German measure pages of the demo city."""
    import subprocess

    code = (
        "import json; from digiradar_wagtail.models import MeasurePage, RadarIndexPage; "
        "pages = [*RadarIndexPage.objects.live().filter(locale__language_code='de')[:1], "
        "*MeasurePage.objects.live().filter(locale__language_code='de').order_by('path')]; "
        "print(json.dumps([page.url for page in pages]))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT / "example_site",
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def main():
    app_port, varnish_port = free_port(), free_port()
    env = production_environment(DATABASE_URL, REDIS_URL, varnish_port, LOG_LEVEL="ERROR")
    prepare_database(env, DATABASE_URL, varnish_port)
    collect_static(env)
    paths = demo_paths(env)
    flush_redis(REDIS_URL)
    server = varnish = None
    lines = []
    try:
        server = Gunicorn(env, app_port).start()
        # Its working directory named after its port: two runs at once do not share one.
        varnish = Varnish(varnish_port, app_port, f"digiradar-prod-read-{varnish_port}").start()
        common = {"benchmark": "read_path", "pages": len(paths), "clients": CLIENTS}
        for via, port in (("varnish", varnish_port), ("gunicorn", app_port)):
            base = f"http://127.0.0.1:{port}"
            for path in paths:  # one warm-up pass: Varnish's first miss of each page is not measured
                fetch(base + path)
            before = varnish.counters()
            results, elapsed = run_load(base, paths)
            line = {**common, "via": via, **summary(results, elapsed), "load_average": os.getloadavg()[0]}
            if via == "varnish":
                after = varnish.counters()
                header = Counter(cache for _, cache, _ in results)
                hits = header.get("HIT", 0)
                line.update(
                    x_cache=dict(sorted((str(key), value) for key, value in header.items())),
                    hit_ratio=round(hits / len(results), 4) if results else None,
                    varnishstat={key: after[key] - before[key] for key in after},
                    goal_hit_ratio=GOAL_HIT_RATIO,
                    goal_met=bool(results) and hits / len(results) >= GOAL_HIT_RATIO,
                )
            else:
                line["server"] = "gunicorn 4 workers x 8 threads, PostgreSQL, Redis cache"
            lines.append(line)
            print(json.dumps(line), flush=True)
    finally:
        for part in (varnish, server):
            if part is not None:
                part.stop()
    return lines


if __name__ == "__main__":
    main()
