"""
Votes at scale on one measure: ``python -m benchmarks.ratings_load`` (part of ``make bench``).

Starts the example site under gunicorn with its production configuration
(``example_site/gunicorn.conf.py``, 4 workers x 8 threads, no max_requests) on PostgreSQL, which
allows prepared statements as ``production.py`` does, with Redis as the shared cache. CLIENTS
citizens (default 60, each with its own cookies) first fetch the rating forms they will send (the
vote URL's form page, or the measure page where the vote URL answers GET with 405), all at once,
so that every server thread holds its database connection before the clock starts; then all at
once send ROUNDS votes each on the same measure through the real endpoint: votes, changes of
mind, withdrawals and replays of forms already sent (which must be refused). Like ``ratings.js``
they ask for the figures as numbers (``X-Digiradar-Results: figures``) while their block shows the
results table. As many clients send as many requests to a bare Django view that inserts one row
(the baseline). Votes and baseline are timed in BLOCKS alternating blocks (default 4: baseline,
votes, votes, baseline, ...), each started with all its clients at once, so that a machine whose
speed drifts during the run (a shared one does) slows both alike; each kind's throughput is its
requests over the sum of its blocks' seconds.

Prints one JSON line with ``votes_per_s`` (accepted votes per second), ``baseline_per_s``,
``ratio``, p50/p99 of both, and exactness against what each client was told:

- ``lost``: clients whose last accepted vote is not what is stored for them (missing, or
  another value);
- ``doubled``: stored votes beyond one per client's last accepted vote (a second row for one
  person, a vote that was withdrawn, or a vote nobody was told was taken);
- ``aggregate_equals_recount``: the published figures (the API's ``rating`` field) equal a
  recount of the stored votes, and that recount equals what the clients were told.

All clients come from 127.0.0.1 and so share one rate limit, raised out of the way (as many
citizens behind one address with a raised limit): far from its limit each server process counts
it in leases, without a round trip per vote. ``BENCH_ADDRESS_PER_CLIENT=1`` gives each client an
address of its own, sent as a trusted proxy reports it, and a limit of its own
(``BENCH_RATE_LIMIT``, by default the rounds): each vote is then counted in Redis on its own, as
for citizens with the default limit. ``rate_limit`` in the output says which.

Beside the targets, ``storage`` runs the same script against ``cast_vote`` alone (a bare view
without page, form check or rendering, on a rating of its own): what storing a vote costs next
to the rest of the endpoint, with ``cpu_ms_per_request`` for each phase.

``cpu_ms_per_request`` splits the CPU per request between the gunicorn workers (``app``), their
PostgreSQL backends (``db``) and this process's simulated clients (``client``), which share the
cores. ``BENCH_RATINGS_DATABASE`` names the database (default ``digiradar_ratings_bench``; its
migrated template is kept beside it).

Exits non-zero when a target is missed (``missed`` names which): at least 2,000 votes from at
least 50 clients, ``ratio`` >= 0.5, vote p99 <= 3x baseline p99, 0 lost, 0 doubled, exact
aggregates, every vote answered 200 and every replay 409. Only talks to 127.0.0.1; the whole run
stays well under three minutes.
"""

import hashlib
import html.parser
import http.cookiejar
import json
import os
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
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DATABASE = os.environ.get("BENCH_RATINGS_DATABASE", "digiradar_ratings_bench")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 60))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 40))  # vote requests per client, replays included
# "1": each client comes from an address of its own, as a trusted proxy in front reports it in
# X-Forwarded-For, so each counts against a rate limit of its own (BENCH_RATE_LIMIT, by default
# ROUNDS: each vote then counted in Redis on its own). Default: all clients share 127.0.0.1's
# limit, raised out of the way (as many citizens behind one address, e.g. a school, with a raised
# limit).
ADDRESS_PER_CLIENT = os.environ.get("BENCH_ADDRESS_PER_CLIENT") == "1"
RATE_LIMIT = int(os.environ.get("BENCH_RATE_LIMIT", ROUNDS if ADDRESS_PER_CLIENT else 1_000_000))
BLOCKS = int(os.environ.get("BENCH_BLOCKS", 4))  # alternating timed blocks of votes and baseline
REPLAY_EVERY = 10  # every tenth request of a client replays a form it sent before
WORKERS = 4
THREADS = int(os.environ.get("BENCH_THREADS", 8))
TIMEOUT = 30  # seconds per request
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50)
VOTER_COOKIE = "digiradar_voter"  # RATINGS_COOKIE_NAME's default
RESULTS_TABLE = 'class="digiradar-rating-chart"'  # the block's results table (results.html)

TARGETS = {
    "min_votes": 2000,
    "min_clients": 50,
    "min_ratio": 0.5,
    "max_p99_vs_baseline": 3.0,
}


def environment():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.baseline.settings",
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=REDIS_URL,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_HTTPS="0",  # plain http on 127.0.0.1
        BENCH_RATE_LIMIT=str(RATE_LIMIT),  # read by benchmarks/baseline/settings.py
        BENCH_ADDRESS_PER_CLIENT="1" if ADDRESS_PER_CLIENT else "0",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    )
    return env


def run(args, env):
    subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True)


def migrations_fingerprint():
    """A hash of this repository's migrations: a migrated template database is kept per hash."""
    digest = hashlib.sha256()
    for folder in ("digiradar_wagtail", "benchmarks", "example_site"):
        for path in sorted((ROOT / folder).glob("**/migrations/*.py")):
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def prepare_database(env):
    """
    A fresh database with one rated measure. Migrating takes most of a minute (over two on a busy
    machine), so the migrated schema is kept as a template database, named after the migrations'
    hash and rebuilt when ``migrate --check`` finds it behind (e.g. after an upgrade of Wagtail).
    """
    import psycopg

    template = f"{DATABASE}_template_{migrations_fingerprint()}"
    template_env = {**env, "DATABASE_URL": f"{PG}/{template}"}
    manage = [PYTHON, "example_site/manage.py"]
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        fresh = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if fresh:
            checked = subprocess.run(
                [*manage, "migrate", "--check"], env=template_env, cwd=ROOT, capture_output=True
            )
            fresh = checked.returncode == 0
        if not fresh:
            old = connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{DATABASE}_template_%"]
            ).fetchall()
            for (name,) in old:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{template}"')
            run([*manage, "migrate", "--no-input"], template_env)
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}" TEMPLATE "{template}"')
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
    # The production configuration (example_site/gunicorn.conf.py: gthread workers, whose
    # threads overlap database waits, and its hooks), with these workers, threads and address,
    # and no worker replaced after max_requests (a worker started mid-run would be measured).
    args = [
        GUNICORN,
        "-c",
        str(ROOT / "example_site" / "gunicorn.conf.py"),
        "example_site.wsgi:application",
        "--max-requests",
        "0",
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


def cpu_seconds(pids):
    """``{pid: user + system CPU seconds}`` of the processes that still exist."""
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


class CpuMeter:
    """
    CPU used by the gunicorn workers, by their PostgreSQL backends and by this process (the
    simulated clients, on the same cores), between two readings.
    """

    def __init__(self, server):
        self.server = server

    def pids(self):
        import psycopg

        workers = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children").read_text().split()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            backends = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [DATABASE]
            ).fetchall()
        return {
            "app": [int(pid) for pid in workers],
            "db": [pid for (pid,) in backends],
            "client": [os.getpid()],
        }

    def start(self):
        self.before = {part: cpu_seconds(pids) for part, pids in self.pids().items()}

    def stop(self, requests):
        """Milliseconds of CPU per request, for the application and for the database."""
        after = {part: cpu_seconds(pids) for part, pids in self.pids().items()}
        return {
            part: round(
                1000
                * sum(seconds - self.before[part].get(pid, 0) for pid, seconds in after[part].items())
                / requests,
                2,
            )
            for part in after
        }


class FormFields(html.parser.HTMLParser):
    """The values of the hidden ``csrfmiddlewaretoken`` and ``token`` inputs of a page."""

    NAMES = ("csrfmiddlewaretoken", "token")

    def __init__(self, text):
        super().__init__()
        self.fields = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") in self.NAMES and attrs.get("value"):
            self.fields.setdefault(attrs["name"], attrs["value"])


class Citizen:
    """One browser: its own cookie jar, the forms it fetched, and what it was told."""

    def __init__(self, base, page, number):
        self.base, self.page, self.number = base, page, number
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.forms, self.voted = [], []  # fields of forms not sent yet, and of forms of taken votes
        self.forms_fetched_while_timed = 0
        self.latencies, self.statuses = [], []
        self.final = None  # the vote this client was last told is stored (None: none)
        self.fixed_voter_id = None  # the storage phase's voters have no cookie
        self.unanswered = 0
        # Whether this client's block shows the results table: as ratings.js, it then asks for
        # the figures as numbers (the reply's "results") instead of the results drawn as HTML.
        self.shows_table = False
        self.figures_replies = 0

    @property
    def vote_url(self):
        return f"{self.base}/de/digiradar/ratings/{self.page['id']}/vote/"

    def load(self):
        """
        Fetch one rating form: from the vote URL's form page (GET), or, where the vote URL takes
        only POST (405), from the measure page.
        """
        try:
            with self.opener.open(self.vote_url, timeout=TIMEOUT) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            if error.code != 405:
                raise
            with self.opener.open(self.base + self.page["url"], timeout=TIMEOUT) as response:
                text = response.read().decode()
        fields = FormFields(text).fields
        self.shows_table = RESULTS_TABLE in text
        if set(fields) != set(FormFields.NAMES):
            raise RuntimeError(f"no rating form found for client {self.number}: {sorted(fields)}")
        self.forms.append(fields)

    def post(self, url, data, json_reply=True, headers=None):
        body = urllib.parse.urlencode(data).encode()
        accept = {"Accept": "application/json"} if json_reply else {}
        if ADDRESS_PER_CLIENT:  # what the trusted proxy appended: this client's own address
            accept["X-Forwarded-For"] = f"10.0.{self.number // 250}.{self.number % 250 + 1}"
        request = urllib.request.Request(url, data=body, headers={**accept, **(headers or {})})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        except OSError:  # no answer at all (timeout, connection reset)
            status, payload = 0, b""
            self.unanswered += 1
        self.latencies.append(time.perf_counter() - started)
        self.statuses.append(status)
        return status, payload

    def send(self, action, value=None, replay=False):
        if replay:  # a form whose vote was taken: its nonce is spent, so this must be refused
            fields = self.voted[len(self.statuses) % len(self.voted)]
        else:
            if not self.forms:  # the last reply carried no fresh form: fetch one (timed, counted)
                self.load()
                self.forms_fetched_while_timed += 1
            fields = self.forms.pop()
        data = {"action": action, **fields}
        if value is not None:
            data["value"] = value
        headers = {"X-Digiradar-Results": "figures"} if self.shows_table else {}
        status, payload = self.post(self.vote_url, data, headers=headers)
        if status == 200 and not replay:
            self.final = value
            if action == "vote":
                self.voted.append(fields)
            reply = json.loads(payload)
            if "results" in reply:
                self.figures_replies += 1
            else:
                self.shows_table = RESULTS_TABLE in reply.get("results_html", "")
            if reply.get("token"):  # a fresh form token, as the page's script puts it in the form
                self.forms.append({**fields, "token": reply["token"]})
        return status

    def plan(self):
        """``[(action, value, replay)]``: votes, changes of mind, withdrawals and replays."""
        steps = []
        for index in range(ROUNDS):
            if index % REPLAY_EVERY == REPLAY_EVERY - 1:
                steps.append(("vote", 1 + index % 5, True))
            elif (self.number + index) % 8 == 7:
                steps.append(("withdraw", None, False))
            else:
                steps.append(("vote", 1 + (self.number * 7 + index * 3) % 5, False))
        return steps

    def script(self, steps=None):
        """Send the plan's steps (a slice of ``plan()``, in order; all of them by default)."""
        for action, value, replay in self.plan()[steps or slice(None)]:
            self.send(action, value, replay)

    def voter_id(self):
        from digiradar_wagtail.ratings.voters import voter_id_of

        if self.fixed_voter_id:
            return self.fixed_voter_id
        raw = next((cookie.value for cookie in self.jar if cookie.name == VOTER_COOKIE), None)
        return voter_id_of(raw) if raw else None


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(clients, work, barrier_timeout=120):
    """Run ``work(client)`` in one thread per client, all released at once; seconds from release."""
    barrier = threading.Barrier(len(clients), action=lambda: started.setdefault("at", time.perf_counter()))
    started = {}

    def go(client):
        barrier.wait(timeout=barrier_timeout)
        work(client)

    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(go, clients))
    return time.perf_counter() - started["at"]


class CpuTotals:
    """CPU per request over several timed blocks of one kind (``CpuMeter`` readings, summed)."""

    def __init__(self):
        self.ms, self.requests = {}, 0

    def add(self, reading, requests):
        for part, ms in reading.items():
            self.ms[part] = self.ms.get(part, 0) + ms * requests
        self.requests += requests

    def per_request(self):
        return {part: round(ms / self.requests, 2) for part, ms in self.ms.items()}


def prepare_citizens(base, page):
    """
    The voting citizens, each with its first form fetched (not timed). Where replies carry no
    fresh form (a probe vote tells), every client fetches all its forms before the clock starts
    instead. All at once, as the votes will come: every server thread has served a request (and
    holds its database connection, CONN_MAX_AGE) before the clock starts, as on a site that has
    been up for a while.
    """
    fetching = time.perf_counter()
    probe = Citizen(base, page, CLIENTS)  # one more citizen, counted like the others
    probe.load()
    probe.send("vote", 3)
    citizens = [Citizen(base, page, number) for number in range(CLIENTS)]
    fresh_forms = 1 if probe.forms else sum(1 for _action, _value, replay in citizens[0].plan() if not replay)

    def fetch_forms(citizen):  # not timed: what a visitor's page views hand out
        for _ in range(fresh_forms):
            citizen.load()

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(fetch_forms, citizens))
    return citizens, probe, time.perf_counter() - fetching


def votes_and_baseline(base, page, meter):
    """
    The vote path and the baseline, timed in BLOCKS alternating blocks (baseline, votes, votes,
    baseline, ...: a machine that gets faster or slower during the run affects both alike). In
    each vote block every client sends its next ROUNDS / BLOCKS votes on the measure, each with
    the fresh form the previous reply carried; in each baseline block the same number of inserts.
    Returns both kinds' citizens, seconds and CPU per request, and the forms' fetching time.
    """
    citizens, probe, fetching = prepare_citizens(base, page)
    inserters = [Citizen(base, None, number) for number in range(CLIENTS)]
    size = -(-ROUNDS // BLOCKS)
    elapsed = {"votes": 0.0, "baseline": 0.0}
    cpu = {"votes": CpuTotals(), "baseline": CpuTotals()}

    def inserts(citizen):
        for index in range(size):
            citizen.post(f"{base}/bench-baseline/insert/", {"value": index}, json_reply=False)

    for block in range(BLOCKS):
        steps = slice(block * size, min(ROUNDS, (block + 1) * size))
        kinds = ("baseline", "votes") if block % 2 == 0 else ("votes", "baseline")
        for kind in kinds:
            if kind == "votes":
                clients, work = citizens, lambda citizen, steps=steps: citizen.script(steps)
                requests = CLIENTS * (steps.stop - steps.start)
            else:
                clients, work, requests = inserters, inserts, CLIENTS * size
            meter.start()
            elapsed[kind] += timed(clients, work)
            cpu[kind].add(meter.stop(requests), requests)
    return citizens, probe, inserters, elapsed, fetching, cpu


def storage_phase(base, meter):
    """
    The same script against ``cast_vote`` alone (``bench-baseline/cast/``: no page, no form
    check, no rendering), on a rating of its own: what storing a vote costs, next to the rest of
    the endpoint. Reported beside the targets, not instead of them.
    """
    key = str(uuid.uuid4())
    citizens = [Citizen(base, None, number) for number in range(CLIENTS)]
    for citizen in citizens:
        citizen.fixed_voter_id = f"storage-{citizen.number:03d}"

    def script(citizen):
        spent = []
        for action, value, replay in citizen.plan():
            nonce = spent[len(citizen.statuses) % len(spent)] if replay else secrets.token_hex(16)
            data = {"key": key, "voter": citizen.fixed_voter_id, "nonce": nonce}
            if value is not None:
                data["value"] = value
            status, _payload = citizen.post(f"{base}/bench-baseline/cast/", data)
            if status == 200 and not replay:
                citizen.final = value
                if action == "vote":
                    spent.append(nonce)

    meter.start()
    elapsed = timed(citizens, script)
    return citizens, elapsed, meter.stop(CLIENTS * ROUNDS), key


def published(base, page):
    """The figures the site publishes for the measure (the API's ``rating`` field)."""
    with urllib.request.urlopen(f"{base}/api/v2/pages/{page['id']}/", timeout=TIMEOUT) as response:
        rating = json.loads(response.read())["rating"]
    return {
        "count": rating["count"],
        "distribution": {int(value): n for value, n in (rating["distribution"] or {}).items() if n},
    }


def stored_votes(key):
    """``{voter_id: [values]}`` of the measure's stored votes, and the baseline's row count."""
    import psycopg

    with psycopg.connect(f"{PG}/{DATABASE}") as connection:
        rows = connection.execute(
            "SELECT v.voter_id, v.value FROM digiradar_ratings_vote v "
            "JOIN digiradar_ratings_ratingtarget t ON t.id = v.target_id WHERE t.translation_key = %s",
            [key],
        ).fetchall()
        baseline_rows = connection.execute("SELECT count(*) FROM bench_baseline_baselinerow").fetchone()[0]
    votes = {}
    for voter_id, value in rows:
        votes.setdefault(voter_id, []).append(value)
    return votes, baseline_rows


def exactness(citizens, votes):
    """``lost`` and ``doubled`` against what each client was told (see the module docstring)."""
    lost = doubled = 0
    for citizen in citizens:
        if citizen.unanswered:
            continue  # a request without an answer may or may not have been stored: both are right
        stored = votes.get(citizen.voter_id(), []) if citizen.voter_id() else []
        if citizen.final is None:
            doubled += len(stored)
        else:
            lost += citizen.final not in stored
            doubled += len(stored) - (citizen.final in stored)
    known = {citizen.voter_id() for citizen in citizens}
    doubled += sum(len(values) for voter_id, values in votes.items() if voter_id not in known)
    return lost, doubled


def summarise(citizens, elapsed, ok_status=200):
    latencies = [latency for citizen in citizens for latency in citizen.latencies]
    statuses = [status for citizen in citizens for status in citizen.statuses]
    accepted = statuses.count(ok_status)
    return {
        "sent": len(statuses),
        "accepted": accepted,
        "statuses": {str(status): statuses.count(status) for status in sorted(set(statuses))},
        "seconds": round(elapsed, 2),
        "per_s": round(accepted / elapsed, 1) if elapsed else None,
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
    }


def main():
    from django.conf import settings

    settings.configure(SECRET_KEY=SECRET_KEY)  # for voter_id_of: the server's key, never a database
    started = time.monotonic()
    env = environment()
    page = prepare_database(env)
    flush_redis()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    try:
        wait_until_up(base, page["url"], server)
        ready = time.monotonic()
        meter = CpuMeter(server)
        citizens, probe, inserters, elapsed, fetching, cpu = votes_and_baseline(base, page, meter)
        votes = summarise(citizens, elapsed["votes"])
        baseline = summarise(inserters, elapsed["baseline"])
        figures = published(base, page)
        storers, storage_elapsed, storage_cpu, storage_key = storage_phase(base, meter)
        storage = summarise(storers, storage_elapsed)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    stored, baseline_rows = stored_votes(page["key"])
    everyone = [*citizens, probe]
    lost, doubled = exactness(everyone, stored)
    storage_lost, storage_doubled = exactness(storers, stored_votes(storage_key)[0])

    recount = {}
    for values in stored.values():
        for value in values:
            recount[value] = recount.get(value, 0) + 1
    told = {}
    for citizen in everyone:
        if citizen.final is not None:
            told[citizen.final] = told.get(citizen.final, 0) + 1
    replays = [
        status
        for citizen in citizens
        for (_action, _value, replay), status in zip(citizen.plan(), citizen.statuses, strict=True)
        if replay
    ]
    unexpected = {
        str(status): n
        for status, n in ((int(s), n) for s, n in votes["statuses"].items())
        if status not in (200, 409)
    }
    result = {
        "benchmark": "ratings_load",
        "server": f"gunicorn {WORKERS} workers x {THREADS} threads, PostgreSQL, Redis cache",
        "clients": CLIENTS,
        "rate_limit": {
            "per": "client address" if ADDRESS_PER_CLIENT else "one shared address",
            "limit": RATE_LIMIT,
        },
        "votes_sent": votes["sent"],
        "votes_accepted": votes["accepted"],
        "replays_sent": len(replays),
        "replays_refused": replays.count(409),
        "statuses": votes["statuses"],
        "unanswered": sum(citizen.unanswered for citizen in everyone),
        "forms_fetched_while_timed": sum(citizen.forms_fetched_while_timed for citizen in citizens),
        # Replies with the figures as numbers (the client's block showed the table), the others
        # with the results drawn as HTML.
        "figures_replies": sum(citizen.figures_replies for citizen in citizens),
        "votes_per_s": votes["per_s"],
        "baseline_per_s": baseline["per_s"],
        "ratio": round(votes["per_s"] / baseline["per_s"], 2) if baseline["per_s"] else None,
        "p50_ms": votes["p50_ms"],
        "p99_ms": votes["p99_ms"],
        "baseline_p50_ms": baseline["p50_ms"],
        "baseline_p99_ms": baseline["p99_ms"],
        "baseline_requests": baseline["sent"],
        "baseline_rows": baseline_rows,
        # CPU per request (ms), of the gunicorn workers and of their PostgreSQL backends: what the
        # ratio comes down to on a machine whose cores are all busy.
        "cpu_ms_per_request": {kind: totals.per_request() for kind, totals in cpu.items()},
        "blocks": BLOCKS,
        "storage": {
            "per_s": storage["per_s"],
            "ratio": round(storage["per_s"] / baseline["per_s"], 2) if baseline["per_s"] else None,
            "p50_ms": storage["p50_ms"],
            "p99_ms": storage["p99_ms"],
            "statuses": storage["statuses"],
            "cpu_ms_per_request": storage_cpu,
            "lost": storage_lost,
            "doubled": storage_doubled,
        },
        "lost": lost,
        "doubled": doubled,
        "votes_stored": sum(recount.values()),
        "published": figures,
        "recount": {"count": sum(recount.values()), "distribution": dict(sorted(recount.items()))},
        "aggregate_equals_recount": figures["count"] == sum(recount.values())
        and figures["distribution"] == recount
        and recount == told,
        "seconds": {
            "setup": round(ready - started, 1),
            "forms": round(fetching, 1),
            "votes": votes["seconds"],
            "storage": storage["seconds"],
            "baseline": baseline["seconds"],
        },
    }
    missed = []
    if votes["accepted"] < TARGETS["min_votes"]:
        missed.append(f"votes_accepted < {TARGETS['min_votes']}")
    if CLIENTS < TARGETS["min_clients"]:
        missed.append(f"clients < {TARGETS['min_clients']}")
    if result["ratio"] is None or result["ratio"] < TARGETS["min_ratio"]:
        missed.append(f"ratio < {TARGETS['min_ratio']}")
    if votes["p99_ms"] > TARGETS["max_p99_vs_baseline"] * baseline["p99_ms"]:
        missed.append(f"p99_ms > {TARGETS['max_p99_vs_baseline']} x baseline_p99_ms")
    if lost or doubled:
        missed.append("lost or doubled votes")
    if not result["aggregate_equals_recount"]:
        missed.append("aggregate != recount")
    if unexpected or replays.count(409) != len(replays) or result["unanswered"]:
        missed.append("a vote not answered 200 or a replay not refused with 409")
    result["targets"] = {"missed": missed, "met": not missed}
    result["run_seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result), flush=True)
    return result


if __name__ == "__main__":
    sys.exit(1 if main()["targets"]["missed"] else 0)
