"""
Load scenario for citizen ratings: ``python -m benchmarks.ratings_load``.

Starts the example site under gunicorn (4 workers) on PostgreSQL with Redis as the shared cache,
lets CLIENTS concurrent citizens (each with its own cookies) vote, change, withdraw and replay
forms through the real HTTP endpoint, then checks the stored aggregate against a recount and
against what the clients were told. The same clients then hit a minimal Django view that inserts
one row, for the baseline ratio. Prints JSON lines; only talks to 127.0.0.1.
"""

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DATABASE = "digiradar_ratings_bench"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 60))
WORKERS = 4
THREADS = 8
TIMEOUT = 30  # seconds per request; the whole run stays well under three minutes

FIELD = re.compile(r'name="(csrfmiddlewaretoken|token)" value="([^"]+)"')


def environment():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.baseline.settings",
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=REDIS_URL,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_HTTPS="0",  # plain http on 127.0.0.1
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    )
    return env


def run(args, env):
    subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True)


def prepare_database(env):
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    run([PYTHON, "example_site/manage.py", "migrate", "--no-input"], env)
    code = (
        "import django; django.setup(); "
        "from benchmarks.baseline.fixtures import create_measure; print(create_measure())"
    )
    result = subprocess.run(
        [PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def flush_redis():
    # Only our own database number: rate-limit counters and cached pages of earlier runs.
    parsed = urllib.parse.urlsplit(REDIS_URL)
    number = (parsed.path or "/0").lstrip("/") or "0"
    with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=5) as sock:
        sock.sendall(f"SELECT {number}\r\nFLUSHDB\r\n".encode())
        time.sleep(0.1)
        sock.recv(100)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, port):
    # Threads let a worker overlap database waits; votes on one measure still queue on its row lock.
    args = [
        GUNICORN,
        "example_site.wsgi",
        "-w",
        str(WORKERS),
        "-k",
        "gthread",
        "--threads",
        str(THREADS),
        "-b",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_up(base, page_url, process):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited: " + process.stderr.read().decode()[-2000:])
        try:
            with urllib.request.urlopen(base + page_url, timeout=20) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or still starting (URLError, timeouts)
            time.sleep(0.3)
    raise RuntimeError("the example site did not come up")


class Citizen:
    """One browser: its own cookie jar, the form's current tokens, and what it was told."""

    def __init__(self, base, page, number):
        self.base, self.page, self.number = base, page, number
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.fields = {}
        self.latencies, self.statuses = [], []
        self.final = None  # the vote this citizen should have when all is done

    def load(self):
        with self.opener.open(self.base + self.page["url"], timeout=TIMEOUT) as response:
            self.fields = dict(FIELD.findall(response.read().decode()))

    def post(self, url, data, json_reply=True):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            url, data=body, headers={"Accept": "application/json"} if json_reply else {}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        self.latencies.append(time.perf_counter() - started)
        self.statuses.append(status)
        return status, payload

    def send(self, action, value=None, fields=None):
        fields = fields or self.fields
        data = {
            "action": action,
            "token": fields["token"],
            "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
        }
        if value is not None:
            data["value"] = value
        status, payload = self.post(f"{self.base}/de/digiradar/ratings/{self.page['id']}/vote/", data)
        if status == 200:
            self.fields = dict(FIELD.findall(json.loads(payload)["html"]))
            self.final = value
        return status

    def script(self):
        """Vote; two thirds change their mind; a quarter withdraw; some vote again; every fifth replays."""
        first = self.number % 5 + 1
        replayable = dict(self.fields)
        self.send("vote", first)
        if self.number % 3:
            self.send("vote", 6 - first if first != 3 else 4)
        if self.number % 4 == 0:
            self.send("withdraw")
            if self.number % 8 == 0:
                self.send("vote", 5)
        if self.number % 5 == 0:
            self.send("vote", 1, fields=replayable)  # a replayed POST: must be refused


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def vote_phase(base, page):
    citizens = [Citizen(base, page, number) for number in range(CLIENTS)]
    barrier = threading.Barrier(CLIENTS)

    def go(citizen):
        citizen.load()  # the page view that hands out the form is not part of the timed phase
        barrier.wait(timeout=120)
        started.setdefault("at", time.perf_counter())
        citizen.script()

    started = {}
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(go, citizens))
    return citizens, time.perf_counter() - started["at"]


def baseline_phase(base, requests_per_client):
    citizens = [Citizen(base, None, number) for number in range(CLIENTS)]
    barrier = threading.Barrier(CLIENTS)

    def go(citizen):
        barrier.wait(timeout=60)
        for index in range(requests_per_client):
            citizen.post(f"{base}/bench-baseline/insert/", {"value": index}, json_reply=False)

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(go, citizens))
    return citizens, time.perf_counter() - started


def stored_state(key):
    import psycopg

    with psycopg.connect(f"{PG}/{DATABASE}") as connection:
        target = connection.execute(
            "SELECT id, vote_count, vote_sum, n_minus1, n_1, n_2, n_3, n_4, n_5 "
            "FROM digiradar_ratings_ratingtarget WHERE translation_key = %s",
            [key],
        ).fetchone()
        rows = dict(
            connection.execute(
                "SELECT value, count(*) FROM digiradar_ratings_vote WHERE target_id = %s GROUP BY value",
                [target[0]],
            ).fetchall()
        )
        baseline_rows = connection.execute("SELECT count(*) FROM bench_baseline_baselinerow").fetchone()[0]
    aggregate = {
        "count": target[1],
        "sum": target[2],
        "distribution": {v: n for v, n in zip((-1, 1, 2, 3, 4, 5), target[3:], strict=True) if n},
    }
    recount = {
        "count": sum(rows.values()),
        "sum": sum(v * n for v, n in rows.items()),
        "distribution": dict(sorted(rows.items())),
    }
    return aggregate, recount, baseline_rows


def summarise(citizens, elapsed):
    latencies = [latency for citizen in citizens for latency in citizen.latencies]
    statuses = [status for citizen in citizens for status in citizen.statuses]
    accepted = statuses.count(200)
    return {
        "sent": len(statuses),
        "accepted": accepted,
        "refused": {str(status): statuses.count(status) for status in sorted(set(statuses)) if status != 200},
        "seconds": round(elapsed, 2),
        "throughput_per_s": round(accepted / elapsed, 1) if elapsed else None,
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
    }


def main():
    env = environment()
    page = prepare_database(env)
    flush_redis()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    try:
        wait_until_up(base, page["url"], server)
        citizens, elapsed = vote_phase(base, page)
        votes = summarise(citizens, elapsed)
        requests_per_client = max(1, round(votes["sent"] / CLIENTS))
        baseline_citizens, baseline_elapsed = baseline_phase(base, requests_per_client)
        baseline = summarise(baseline_citizens, baseline_elapsed)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    aggregate, recount, baseline_rows = stored_state(page["key"])
    expected = {}
    for citizen in citizens:
        if citizen.final is not None:
            expected[citizen.final] = expected.get(citizen.final, 0) + 1
    replays = sum(1 for citizen in citizens if citizen.number % 5 == 0)
    result = {
        "benchmark": "ratings_load",
        "server": f"gunicorn {WORKERS} workers x {THREADS} threads, PostgreSQL, Redis cache",
        "clients": CLIENTS,
        "votes_sent": votes["sent"],
        "votes_accepted": votes["accepted"],
        "replays_sent": replays,
        "refused": votes["refused"],
        "votes_stored": recount["count"],
        "voters_expected": sum(expected.values()),
        "aggregate": aggregate,
        "recomputed": recount,
        "aggregate_exact": aggregate == recount and recount["distribution"] == dict(sorted(expected.items())),
        "throughput_per_s": votes["throughput_per_s"],
        "p50_ms": votes["p50_ms"],
        "p99_ms": votes["p99_ms"],
        "baseline_requests": baseline["sent"],
        "baseline_rows": baseline_rows,
        "baseline_throughput_per_s": baseline["throughput_per_s"],
        "baseline_p50_ms": baseline["p50_ms"],
        "baseline_p99_ms": baseline["p99_ms"],
        "ratio_to_baseline": round(votes["throughput_per_s"] / baseline["throughput_per_s"], 2)
        if baseline["throughput_per_s"]
        else None,
    }
    print(json.dumps(result), flush=True)
    return result


if __name__ == "__main__":
    main()
