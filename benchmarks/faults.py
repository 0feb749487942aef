"""
Faults under load: ``python -m benchmarks.faults``.

A stack of its own, as ``make prod-demo`` runs it: Varnish -> gunicorn x4 (example_site.production)
-> a PostgreSQL cluster and a redis-server started for this run on free ports (the machine's shared
ones are never touched). Readers fetch a radar and a measure page, citizens vote on the measure
through the real vote endpoint (benchmarks.ratings_load.Citizen), and meanwhile:

1. Redis is stopped and started again: pages must keep being served, no 500;
2. PostgreSQL is restarted: every vote answered 2xx must be stored, the others must get a 503
   (not a 500), and the aggregate must equal a recount afterwards;
3. Varnish is stopped: the application must still answer directly (clients go to gunicorn).

Each fault prints one JSON line: requests, status counts per phase (before, during, after the
fault), votes acknowledged, and per citizen what is stored afterwards: ``lost_writes`` counts
citizens whose stored vote is neither the last one answered 2xx nor one they sent without a 2xx
answer; ``stored_without_2xx`` those whose stored vote is one they sent without a 2xx answer (the
server finished it after the connection was cut, possibly after a later vote of theirs).

Exits non-zero, naming what went wrong, where a fault run lost a write, answered a 500, had a
client thread die of an exception or published figures other than a recount (a vote stored whose
answer was cut off is reported, not a failure: its client could not know).

Every simulated citizen comes from 127.0.0.1, so the vote rate limits are raised for the run (as
in benchmarks/ratings_load.py); they are still counted, in Redis.
"""

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

from run_stack import (
    SITE,
    Gunicorn,
    OwnPostgres,
    OwnRedis,
    Varnish,
    collect_static,
    free_port,
    manage,
    production_environment,
)

from benchmarks.ratings_load import Citizen
from benchmarks.read_path import fetch

DATABASE = "digiradar_prod_faults"
READERS = int(os.environ.get("BENCH_FAULT_READERS", 10))
VOTERS = int(os.environ.get("BENCH_FAULT_VOTERS", 20))
# Seconds of each phase, and PostgreSQL's time stopped during its restart (the tests run them short).
BEFORE = float(os.environ.get("BENCH_FAULT_BEFORE", 4))
DURING = float(os.environ.get("BENCH_FAULT_DURING", 8))
AFTER = float(os.environ.get("BENCH_FAULT_AFTER", 6))
PG_DOWN = float(os.environ.get("BENCH_FAULT_PG_DOWN", 4))

SETTINGS = """
from example_site.production import *  # noqa: F403

# Every simulated citizen has the address 127.0.0.1: one shared bucket would stop the test.
DIGIRADAR_RATINGS_RATE_LIMIT = 1_000_000
DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT = 1_000_000
"""

# Run inside Django after each fault: what each citizen's cookie has stored, and the aggregate.
CHECK = """
import json, sys
from digiradar_wagtail.ratings.conf import ratings_settings
from digiradar_wagtail.ratings.models import RatingTarget, Vote
from digiradar_wagtail.ratings.services import recount
from digiradar_wagtail.ratings.voters import voter_id_of

data = json.load(sys.stdin)
target = RatingTarget.objects.get(translation_key=data["key"])
lost = stored_without_2xx = 0
for citizen in data["citizens"]:
    cookie = citizen["cookies"].get(ratings_settings.RATINGS_COOKIE_NAME)
    vote = Vote.objects.filter(target=target, voter_id=voter_id_of(cookie)).first() if cookie else None
    stored = vote.value if vote else None
    if stored == citizen["acknowledged"]:
        continue
    if stored in citizen["unanswered"]:
        stored_without_2xx += 1
    else:
        lost += 1
count, total, rows = recount(target)
print(json.dumps({
    "lost_writes": lost,
    "stored_without_2xx": stored_without_2xx,
    "votes_stored": count,
    "aggregate_equals_recount": (target.vote_count, target.vote_sum) == (count, total)
    and all(target.count_of(value) == rows.get(value, 0) for value in rows),
}))
"""


class Load:
    """Readers and voting citizens in threads until stopped; every answer noted with its phase."""

    def __init__(self, base, page):
        self.base, self.page = base, page
        self.radar_url = page["url"].rstrip("/").rsplit("/", 1)[0] + "/"
        self.phase = "before"
        self.records = []  # (phase, "read" | "vote", status)
        self.lock = threading.Lock()
        self.running = threading.Event()
        self.citizens = [Citizen(base, page, number) for number in range(VOTERS)]
        for citizen in self.citizens:
            citizen.acknowledged, citizen.resent = None, False
        self.threads = []
        self.crashed = []  # a reader's or voter's exception: the thread stopped, the run is void

    def guarded(self, work):
        """``work`` for a thread: an exception is printed and counted (``thread_errors``), not lost."""

        def run(*args):
            try:
                work(*args)
            except BaseException as error:
                traceback.print_exc()
                with self.lock:
                    self.crashed.append(f"{type(error).__name__}: {error}")

        return run

    def note(self, kind, status):
        with self.lock:
            self.records.append((self.phase, kind, str(status)))

    def read(self, number):
        paths = [self.radar_url, self.page["url"]]
        index = number
        while self.running.is_set():
            status, _, _ = fetch(self.base + paths[index % 2], timeout=20)
            self.note("read", status)
            index += 1
            if status != 200:
                time.sleep(0.1)  # as a browser would, not in a tight loop

    def vote(self, citizen):
        round_ = 0
        while self.running.is_set():
            citizen.base = self.base
            if not citizen.forms:
                try:
                    citizen.load()
                except (OSError, http.client.HTTPException):  # the page failed (the readers count it)
                    time.sleep(0.2)
                    continue
            value = (citizen.number + round_) % 5 + 1
            round_ += 1
            form = citizen.forms[-1]  # the one send() takes; a 200's reply brings the next
            try:
                status = citizen.send("vote", value)  # 0: no answer at all
            except (OSError, http.client.HTTPException) as error:  # cut off
                status = f"error:{type(getattr(error, 'reason', error)).__name__}"
            self.note("vote", status)
            if status == 409 and citizen.resent:
                # "Form already used" on resending: the request answered 5xx had committed its token.
                with self.lock:
                    self.committed_but_5xx += 1
            citizen.resent = str(status).startswith("5")
            if status == 200:
                citizen.acknowledged = value
            else:
                citizen.unacknowledged.add(value)
                if str(status).startswith("5"):
                    citizen.forms.append(form)  # sent again: a 409 then tells it was committed
                else:
                    citizen.forms.clear()  # refused or no answer: a fresh form, its token may be spent
                time.sleep(0.2)

    def start(self):
        self.running.set()
        read, vote = self.guarded(self.read), self.guarded(self.vote)
        self.threads = [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
        self.threads += [threading.Thread(target=vote, args=(c,)) for c in self.citizens]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running.clear()
        for thread in self.threads:
            thread.join(timeout=60)

    def counts(self, phase=None, kind=None):
        return dict(
            sorted(
                Counter(
                    status
                    for record_phase, record_kind, status in self.records
                    if phase in (None, record_phase) and kind in (None, record_kind)
                ).items()
            )
        )


def check_votes(env, load):
    data = {
        "key": load.page["key"],
        "citizens": [
            {
                "cookies": {cookie.name: cookie.value for cookie in citizen.jar},
                "acknowledged": citizen.acknowledged,
                "unanswered": sorted(citizen.unacknowledged),
            }
            for citizen in load.citizens
        ],
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CHECK],
        input=json.dumps(data),
        cwd=SITE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_fault(name, load, env, break_it, repair):
    load.records.clear()
    load.crashed.clear()
    load.committed_but_5xx = 0
    for citizen in load.citizens:
        citizen.unacknowledged = set()  # values sent during this run without a 2xx answer
    load.phase = "before"
    load.start()
    try:
        time.sleep(BEFORE)
        load.phase = "during"
        started = time.monotonic()
        break_it()
        time.sleep(max(0, DURING - (time.monotonic() - started)))
        repair()
        load.phase = "after"
        time.sleep(AFTER)
    finally:
        load.stop()
    statuses = load.counts()
    line = {
        "benchmark": "faults",
        "fault": name,
        "requests": len(load.records),
        "status": statuses,
        "reads": {phase: load.counts(phase, "read") for phase in ("before", "during", "after")},
        "votes": {phase: load.counts(phase, "vote") for phase in ("before", "during", "after")},
        "votes_acknowledged": sum(
            1 for _, kind, status in load.records if kind == "vote" and status == "200"
        ),
        # votes answered 5xx that were committed all the same (a 409 when the same form was resent)
        "votes_5xx_but_committed": load.committed_but_5xx,
        **check_votes(env, load),
    }
    line["server_errors_500"] = statuses.get("500", 0)
    # Readers' and voters' threads that died of an exception (each printed): the figures are void.
    line["thread_errors"] = len(load.crashed)
    if load.crashed:
        line["thread_error_examples"] = sorted(set(load.crashed))[:3]
    line["load_average"] = os.getloadavg()[0]  # the machine's, for reading the counts
    return line


def prepare(env, postgres):
    import psycopg

    with psycopg.connect(f"{postgres.url}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    manage(env, "migrate", "--no-input", "-v", "0", capture=True)
    code = "from benchmarks.baseline.fixtures import create_measure; print(create_measure())"
    output = manage(env, "shell", "-c", code, capture=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    started = time.monotonic()
    ports = {name: free_port() for name in ("postgres", "redis", "app", "varnish")}
    postgres, redis = OwnPostgres(ports["postgres"]), OwnRedis(ports["redis"])
    server = varnish = None
    settings_dir = tempfile.mkdtemp(prefix="digiradar_prod_faults_")
    Path(settings_dir, "faults_settings.py").write_text(SETTINGS)
    env = production_environment(
        f"{postgres.url}/{DATABASE}",
        f"redis://127.0.0.1:{ports['redis']}/0",
        ports["varnish"],
        LOG_LEVEL="CRITICAL",
    )
    env.update(
        DJANGO_SETTINGS_MODULE="faults_settings",
        PYTHONPATH=os.pathsep.join([settings_dir, env["PYTHONPATH"]]),
    )
    lines = []
    try:
        postgres.start()
        redis.start()
        page = prepare(env, postgres)
        collect_static(env)
        server = Gunicorn(env, ports["app"]).start()
        # Its working directory named after its port: two runs at once do not share one.
        varnish = Varnish(ports["varnish"], ports["app"], f"digiradar-prod-faults-{ports['varnish']}").start()
        through_varnish, direct = f"http://127.0.0.1:{ports['varnish']}", f"http://127.0.0.1:{ports['app']}"
        load = Load(through_varnish, page)

        def restart_postgres():
            postgres.stop()
            time.sleep(PG_DOWN)
            postgres.start()

        def stop_varnish():
            varnish.stop()
            load.base = direct  # clients (or a load balancer) go to the application directly

        def start_varnish():
            varnish.start()
            load.base = through_varnish

        faults = [
            ("redis_stopped", redis.stop, redis.start),
            ("postgres_restarted", restart_postgres, lambda: None),
            ("varnish_stopped", stop_varnish, start_varnish),
        ]
        for name, break_it, repair in faults:
            line = run_fault(name, load, env, break_it, repair)
            lines.append(line)
            print(json.dumps(line), flush=True)
    finally:
        for part in (varnish, server, redis):
            if part is not None:
                part.stop()
        postgres.remove()
        shutil.rmtree(settings_dir, ignore_errors=True)
    print(json.dumps({"benchmark": "faults", "seconds": round(time.monotonic() - started, 1)}), flush=True)
    return lines


def failures(lines):
    """What the fault runs got wrong (empty where every run held): the same rule for every fault."""
    wrong = []
    for line in lines:
        for field in ("thread_errors", "lost_writes", "server_errors_500"):
            if line[field]:
                wrong.append(f"{line['fault']}: {field} {line[field]}")
        if not line["aggregate_equals_recount"]:
            wrong.append(f"{line['fault']}: the published figures differ from a recount")
    return wrong


if __name__ == "__main__":
    wrong = failures(main())
    sys.exit("faults: " + "; ".join(wrong) if wrong else 0)
