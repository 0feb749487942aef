"""
The demo city as a city runs it, on this machine: ``make prod-demo`` (``python run_stack.py``).

    Varnish 127.0.0.1:8080 (docs/deploy/varnish.vcl) -> gunicorn x4 127.0.0.1:8000
    (example_site.production, gunicorn.conf.py) -> PostgreSQL (database digiradar_prod_demo)
    + Redis (127.0.0.1:6379, database 13)

PostgreSQL and Redis are started only if nothing answers on their ports, and only what this
launcher started is stopped. It creates and migrates the database, loads the demo into an empty
one, collects the static files, and runs in the foreground until Ctrl-C or SIGTERM, then stops
everything it started. The pieces (``Varnish``, ``Gunicorn``, ``OwnRedis``, ``OwnPostgres``) are
also what the benchmarks in benchmarks/read_path.py and benchmarks/faults.py start.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

SITE = Path(__file__).resolve().parent
ROOT = SITE.parent
VCL = ROOT / "docs" / "deploy" / "varnish.vcl"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

DEMO = {
    "varnish_port": int(os.environ.get("PROD_DEMO_PORT", 8080)),
    "app_port": int(os.environ.get("PROD_DEMO_APP_PORT", 8000)),
    "database_url": os.environ.get(
        "PROD_DEMO_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/digiradar_prod_demo"
    ),
    "redis_url": os.environ.get("PROD_DEMO_REDIS_URL", "redis://127.0.0.1:6379/13"),
}


def log(message):
    print(f"[run_stack] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(condition, what, seconds=60, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        if condition():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready after {seconds} s")


def http_status(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def stop_process(process, seconds=20):
    """SIGTERM, then SIGKILL after ``seconds``; its own process group, so its children go too."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def spawn(args, **kwargs):
    # A session of its own: a Ctrl-C in the terminal reaches the launcher only, which stops the
    # others in order.
    return subprocess.Popen(args, start_new_session=True, **kwargs)


def production_environment(database_url, redis_url, varnish_port, **extra):
    """What example_site.production reads, for plain http on 127.0.0.1 (docs/deploy.md)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    host = f"127.0.0.1:{varnish_port}"
    env.update(
        DJANGO_SETTINGS_MODULE="example_site.production",
        PYTHONPATH=os.pathsep.join([str(SITE), str(ROOT)]),
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        VARNISH_URL=f"http://{host}",
        WAGTAILADMIN_BASE_URL=f"http://{host}",
        HTTPS="0",  # plain http on 127.0.0.1; a city sets nothing and gets HTTPS, HSTS, secure cookies
        TRUSTED_PROXY_COUNT="1",  # Varnish
        EMAIL_URL="console:",  # mails to the terminal: there is no mail server here
        DEFAULT_FROM_EMAIL="radar@127.0.0.1.invalid",
    )
    env.update(extra)
    return env


def manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=SITE, env=env, check=True, text=True, capture_output=capture
    )


def collect_static(env):
    """Static files into STATIC_ROOT: the production settings name them by hash, so pages need it."""
    manage(env, "collectstatic", "--no-input", "-v", "0")


def prepare_database(env, database_url, site_port):
    """Create the database if missing, migrate, load the demo into an empty one; True if loaded."""
    import psycopg
    from psycopg import sql

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            log(f"creating database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    # Nothing is cached in Varnish yet: loading the demo need not purge anything.
    env = {**env, "VARNISH_URL": ""}
    log("migrate")
    manage(env, "migrate", "--no-input", "-v", "0")
    with psycopg.connect(database_url) as connection:
        empty = not connection.execute("SELECT count(*) FROM digiradar_wagtail_measurepage").fetchone()[0]
    if empty:
        log("loading the demo city (load_demo)")
        manage(env, "load_demo")
        # The site's address is the public one, behind Varnish, as a city's site record names its
        # domain: page URLs, links in mails and the front cache's purges use it.
        manage(
            env,
            "shell",
            "-c",
            "from wagtail.models import Site; "
            f"Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port={site_port})",
        )
    return empty


def static_and_django():
    """
    The WSGI application of ``make prod-demo``: Django, plus STATIC_ROOT under STATIC_URL.

    A city lets its web server or CDN serve STATIC_ROOT; here nothing else is there, so
    Django's static view serves the collected (hashed, never changing) files with a year's
    ``Cache-Control: public``, and Varnish keeps them.
    """
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application
    from django.views import static

    class CollectedStaticFiles(StaticFilesHandler):
        def serve(self, request):
            response = static.serve(request, self.file_path(request.path), document_root=settings.STATIC_ROOT)
            response["Cache-Control"] = "public, max-age=31536000, immutable"
            return response

    return CollectedStaticFiles(get_wsgi_application())


class Gunicorn:
    """gunicorn with example_site/gunicorn.conf.py on 127.0.0.1:``port``."""

    def __init__(self, env, port, workers=4, app="run_stack:static_and_django()"):
        self.port = port
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_APP": app,
        }
        self.process = None

    def start(self, ready_path="/de/"):
        self.process = spawn([GUNICORN, "-c", str(SITE / "gunicorn.conf.py")], cwd=SITE, env=self.env)
        url = f"http://127.0.0.1:{self.port}{ready_path}"
        try:
            wait_for(lambda: http_status(url) == 200, f"gunicorn on {self.port}", 90, self.process)
        except BaseException:
            self.stop()  # a server that never came up is not left running behind the caller
            raise
        return self

    def stop(self):
        stop_process(self.process)


class Worker:
    """The task worker of django-tasks-db (``manage.py db_worker``): it sends the mails."""

    def __init__(self, env):
        self.env = env
        self.process = None

    def start(self):
        command = [PYTHON, "manage.py", "db_worker", "--backend", "mail", "--no-reload"]
        self.process = spawn(command, cwd=SITE, env=self.env)
        return self

    def stop(self):
        stop_process(self.process)


class Varnish:
    """varnishd in the foreground with docs/deploy/varnish.vcl, its backend port substituted."""

    def __init__(self, port, backend_port, name, memory="128m"):
        self.port, self.backend_port, self.memory = port, backend_port, memory
        self.workdir = Path(f"/tmp/varnish-{name}")
        self.process = None

    def start(self, ready_path="/de/"):
        vcl = VCL.read_text().replace('.port = "8000";', f'.port = "{self.backend_port}";', 1)
        if f'.port = "{self.backend_port}";' not in vcl:
            raise RuntimeError(f"{VCL} no longer names its backend port as '.port = \"8000\";'")
        shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir.mkdir(parents=True)
        vcl_file = self.workdir.parent / f"{self.workdir.name}.vcl"
        vcl_file.write_text(vcl)
        self.process = spawn(
            [
                VARNISHD,
                "-F",
                "-n",
                str(self.workdir),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "none",
                "-f",
                str(vcl_file),
                "-s",
                f"malloc,{self.memory}",
            ],
            stdout=subprocess.DEVNULL,
        )
        # The VCL's health probe needs a few seconds to call a fresh backend healthy.
        url = f"http://127.0.0.1:{self.port}{ready_path}"
        wait_for(lambda: http_status(url) == 200, f"varnishd on {self.port}", 30, self.process)
        return self

    def counters(self, names=("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.backend_unhealthy")):
        """Varnish's own counters since it started, e.g. ``{"cache_hit": 10, ...}``."""
        fields = [argument for name in names for argument in ("-f", name)]
        result = subprocess.run(
            ["varnishstat", "-n", str(self.workdir), "-1", "-j", *fields],
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(result.stdout)
        data = data.get("counters", data)
        return {name.split(".", 1)[1]: data[name]["value"] for name in names if name in data}

    def stop(self):
        stop_process(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
        (self.workdir.parent / f"{self.workdir.name}.vcl").unlink(missing_ok=True)


class OwnRedis:
    """A redis-server of our own on 127.0.0.1, nothing written to disk."""

    def __init__(self, port):
        self.port = port
        self.process = None

    def start(self):
        self.process = spawn(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), f"redis-server on {self.port}", 20, self.process)
        return self

    def stop(self):
        stop_process(self.process)


class OwnPostgres:
    """A PostgreSQL cluster of our own in a temporary directory (initdb as user postgres)."""

    def __init__(self, port):
        self.port = port
        self.bin = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))[-1]).parent
        self.datadir = None
        self.running = False

    def _as_postgres(self, *args):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def start(self):
        if self.datadir is None:
            self.datadir = Path(tempfile.mkdtemp(prefix="digiradar_prod_pg_"))
            if os.geteuid() == 0:
                shutil.chown(self.datadir, "postgres")
            self._as_postgres(
                str(self.bin / "initdb"),
                "-D",
                str(self.datadir / "data"),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            )
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.datadir / "data"),
            "-l",
            str(self.datadir / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        self.running = True
        return self

    def stop(self, mode="fast"):
        if self.running:
            self._as_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.datadir / "data"), "-m", mode, "-w", "stop"
            )
            self.running = False

    def remove(self):
        self.stop()
        if self.datadir is not None:
            shutil.rmtree(self.datadir, ignore_errors=True)


class MachinePostgres:
    """Debian's PostgreSQL cluster, started (and later stopped) only if it was not running."""

    def __init__(self):
        self.started = None

    def ensure(self, port):
        if port_open(port):
            return
        line = subprocess.run(
            ["pg_lsclusters", "-h"], capture_output=True, text=True, check=True
        ).stdout.split()
        version, cluster = line[0], line[1]
        log(f"starting PostgreSQL {version}/{cluster}")
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start"], check=True)
        self.started = (version, cluster)
        wait_for(lambda: port_open(port), "PostgreSQL", 30)

    def stop(self):
        if self.started:
            log("stopping PostgreSQL (this launcher started it)")
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *self.started, "stop"], check=False)


class Stop(Exception):
    pass


def raise_stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def main():
    signal.signal(signal.SIGTERM, raise_stop)
    signal.signal(signal.SIGINT, raise_stop)
    postgres, redis, gunicorn, varnish, worker = MachinePostgres(), None, None, None, None
    try:
        from urllib.parse import urlsplit

        postgres.ensure(urlsplit(DEMO["database_url"]).port or 5432)
        redis_port = urlsplit(DEMO["redis_url"]).port or 6379
        if not port_open(redis_port):
            log(f"starting redis-server on {redis_port}")
            redis = OwnRedis(redis_port).start()
        env = production_environment(DEMO["database_url"], DEMO["redis_url"], DEMO["varnish_port"])
        prepare_database(env, DEMO["database_url"], DEMO["varnish_port"])
        log("collectstatic")
        collect_static(env)

        # The task worker (mails): the same environment as gunicorn, stopped with the rest.
        worker = Worker(env).start()
        gunicorn = Gunicorn(env, DEMO["app_port"]).start()
        varnish = Varnish(DEMO["varnish_port"], DEMO["app_port"], f"prod-demo-{DEMO['varnish_port']}").start()
        base = f"http://127.0.0.1:{DEMO['varnish_port']}"
        log(
            f"serving {base}/de/radar/ and {base}/en/radar/ through Varnish, the admin at {base}/admin/; "
            "Ctrl-C stops."
        )
        while True:
            for name, part in (("gunicorn", gunicorn), ("varnishd", varnish), ("db_worker", worker)):
                if part.process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {part.process.returncode}")
            time.sleep(1)
    except Stop as stop:
        log(f"{stop}: stopping")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for part in (varnish, gunicorn, worker, redis, postgres):
            if part is not None:
                part.stop()
        log("stopped")


if __name__ == "__main__":
    main()
