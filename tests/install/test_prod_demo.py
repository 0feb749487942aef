"""
``make prod-demo`` as an installer runs it: ``python run_stack.py`` in example_site/ with the
project's Python, on ports, a PostgreSQL database and a Redis database of the test's own. Through
real HTTP on the Varnish port: the German radar page, a measure page and export.json answer 200
and come from the cache the second time, without cookies; the admin's login page and a visitor
with a session pass through uncached. Then SIGTERM: the launcher exits 0, nothing answers on its
ports, and no process it started is left.

It needs varnishd and PostgreSQL on 127.0.0.1:5432 (skipped without them, except under CI, which
installs both). It lives in tests/install, which CI runs in the SQLite run only (.ci/run), so it
runs once; its database name is unique, so two runs at the same time do not collide.
"""

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.local_services import answers, skip_unless

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "example_site"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
# Redis databases in use elsewhere: 6 (benchmarks/ratings_load.py), 12 (tests/test_unreachable_services.py),
# 13 (make prod-demo itself), 14 (benchmarks/read_path.py). The keys carry a prefix of this run's own.
REDIS_URL = "redis://127.0.0.1:6379/11"
RADAR = "/de/radar/"
READY_SECONDS = 240  # create, migrate, load the demo, collectstatic, start: about 60 s on two busy cores
STOP_SECONDS = 60  # gunicorn's graceful_timeout is 20 s; varnishd and the worker stop in a few


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_answers():
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=5).close()
        return True
    except psycopg.OperationalError:
        return False


def processes():
    """{pid: (parent pid, start time)} of every process on the machine, from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
        table[int(entry.name)] = (int(fields[1]), fields[19])
    return table


def descendants(pid):
    """{pid: start time} of every process below ``pid``."""
    table, found, queue = processes(), {}, [pid]
    while queue:
        parent = queue.pop()
        for child, (ppid, started) in table.items():
            if ppid == parent and child not in found:
                found[child] = started
                queue.append(child)
    return found


def command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def still_running(recorded):
    """The recorded processes that still run (the same pid with the same start time), not zombies."""
    table = processes()
    alive = []
    for pid, started in recorded.items():
        if pid in table and table[pid][1] == started:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
    return alive


def with_marker(marker):
    """Processes whose environment contains ``marker`` (the launcher passes its environment on)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


class Launcher:
    def __init__(self, tmp_path):
        self.database = f"digiradar_prod_demo_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.varnish_port = free_port()
        self.app_port = free_port()
        while self.app_port == self.varnish_port:
            self.app_port = free_port()
        self.base = f"http://127.0.0.1:{self.varnish_port}"
        self.cache_prefix = f"prod-demo-test-{uuid.uuid4().hex[:8]}"
        self.log_path = tmp_path / "run_stack.log"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
        }
        env.update(
            PROD_DEMO_PORT=str(self.varnish_port),
            PROD_DEMO_APP_PORT=str(self.app_port),
            PROD_DEMO_DATABASE_URL=f"{POSTGRES}/{self.database}",
            PROD_DEMO_REDIS_URL=REDIS_URL,
            # Kept out of the checkout (example_site/static_collected, media) and of the cache keys
            # of a `make prod-demo` running beside it.
            STATIC_ROOT=str(tmp_path / "static"),
            MEDIA_ROOT=str(tmp_path / "media"),
            CACHE_KEY_PREFIX=self.cache_prefix,
        )
        self.env = env
        self.process = None
        self.started = {}

    def start(self):
        with open(self.log_path, "wb") as log:
            # The project's venv Python, as `make prod-demo` runs it (cd example_site && python run_stack.py).
            self.process = subprocess.Popen(
                [sys.executable, "run_stack.py"],
                cwd=SITE,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self, tail=6000):
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    def wait_until_serving(self):
        """Until the launcher says it serves (after Varnish answered), or fail with its log."""
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"run_stack.py exited with {self.process.returncode}:\n{self.log()}")
            if "[run_stack] serving " in self.log(tail=10**7):
                return
            time.sleep(0.5)
        pytest.fail(f"run_stack.py not serving after {READY_SECONDS} s:\n{self.log()}")

    def get(self, path, **kwargs):
        return requests.get(self.base + path, allow_redirects=False, timeout=30, **kwargs)

    def stop(self):
        """SIGTERM as a service manager sends it; returns the exit code (None: still running)."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            return None

    def clean_up(self):
        """Whatever is left after a failure, then the database and the cache keys."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in still_running(self.started):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        import psycopg
        from psycopg import sql

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.database))
            )
        try:
            import redis

            client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
            keys = list(client.scan_iter(match=f"{self.cache_prefix}:*"))
            if keys:
                client.delete(*keys)
        except Exception:  # noqa: BLE001 - a Redis gone by now leaves nothing to remove
            pass
        shutil.rmtree(self.log_path.parent / "static", ignore_errors=True)


@pytest.fixture
def launcher(tmp_path):
    skip_unless(shutil.which("varnishd") or os.path.exists("/usr/sbin/varnishd"), "varnishd not found")
    skip_unless(postgres_answers(), f"PostgreSQL does not answer at {POSTGRES}")
    launcher = Launcher(tmp_path)
    try:
        launcher.start()
        yield launcher
    finally:
        launcher.clean_up()


def test_prod_demo_serves_the_demo_through_varnish_and_stops_on_sigterm(launcher):
    launcher.wait_until_serving()
    # Every process the launcher started, while they run: gunicorn's master and its 4 workers,
    # varnishd's manager and its child, the task worker.
    launcher.started = descendants(launcher.process.pid)
    commands = [command_line(pid) for pid in launcher.started]
    assert sum("gunicorn" in command for command in commands) >= 5, commands
    assert sum("varnishd" in command for command in commands) >= 2, commands
    assert any("db_worker" in command for command in commands), commands

    # The German home page links to the radar the launcher announces.
    home = launcher.get("/de/")
    assert home.status_code == 200
    assert f'href="{RADAR}"' in home.text
    assert f"{launcher.base}{RADAR}" in launcher.log(tail=10**7)

    # The radar: 200, cacheable, and the second visitor gets Varnish's copy; no cookie either time.
    first, second = launcher.get(RADAR), launcher.get(RADAR)
    for response in (first, second):
        assert response.status_code == 200, response.text[:500]
        assert "Set-Cookie" not in response.headers, response.headers
        assert "public" in response.headers["Cache-Control"]
    assert re.search(r'<html[^>]*\blang="de"', first.text)
    assert first.headers["X-Cache"] in {"MISS", "HIT"}, first.headers
    assert second.headers["X-Cache"] == "HIT", second.headers
    assert second.text == first.text

    # export.json: 200, from the cache the second time, naming its measures at Varnish's address
    # (the launcher put the site record there).
    export, export_again = launcher.get(f"{RADAR}export.json"), launcher.get(f"{RADAR}export.json")
    assert export.status_code == export_again.status_code == 200
    assert export.headers["Content-Type"].startswith("application/json")
    assert "Set-Cookie" not in export_again.headers
    assert export_again.headers["X-Cache"] == "HIT", export_again.headers
    document = export.json()
    assert document["radar"]["language"] == "de"
    assert document["count"] == len(document["measures"]) > 0
    measure = document["measures"][0]
    url = urlsplit(measure["url"])
    assert (url.hostname, url.port) == ("127.0.0.1", launcher.varnish_port), measure["url"]

    # A measure page: linked from the radar, 200, its title, and a hit the second time.
    assert f'href="{url.path}"' in first.text
    page, page_again = launcher.get(url.path), launcher.get(url.path)
    assert page.status_code == page_again.status_code == 200
    assert html.escape(measure["title"]) in page.text
    assert "Set-Cookie" not in page_again.headers
    assert page_again.headers["X-Cache"] == "HIT", page_again.headers

    # The admin's login page: 200 and never from the cache (it sets its CSRF cookie each time).
    for _ in range(2):
        login = launcher.get("/admin/login/")
        assert login.status_code == 200
        assert login.headers["X-Cache"] == "PASS", login.headers
        assert "csrftoken=" in login.headers.get("Set-Cookie", "")
        assert 'name="password"' in login.text
    # Someone with a session (an editor, a citizen with an account) passes through to gunicorn,
    # even on the radar that is cached for everybody else.
    logged_in = launcher.get(RADAR, cookies={"sessionid": "not-a-real-session"})
    assert logged_in.status_code == 200
    assert logged_in.headers["X-Cache"] == "PASS", logged_in.headers

    # SIGTERM: exit 0 within the bound, then nothing on the ports and nothing left running.
    started = time.monotonic()
    code = launcher.stop()
    stopped_after = time.monotonic() - started
    assert code == 0, f"exit code {code} after {stopped_after:.1f} s:\n{launcher.log()}"
    assert "[run_stack] stopped" in launcher.log(), launcher.log()
    assert not answers(launcher.varnish_port), "something still answers on the Varnish port"
    assert not answers(launcher.app_port), "something still answers on the gunicorn port"
    left = still_running(launcher.started)
    assert left == [], [command_line(pid) for pid in left]
    assert with_marker(launcher.database) == [], "processes with the launcher's environment are left"
