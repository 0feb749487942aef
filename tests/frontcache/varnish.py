"""
A real Varnish (Debian's ``varnishd``) in front of pytest-django's live server, started from the
VCL cities get (``docs/deploy/varnish.vcl``) with only its backend port replaced.

Fixtures, for any test directory whose conftest imports them (``from tests.frontcache.varnish
import _varnish_process, varnish, varnish_url``):

- ``varnish``: the running :class:`Varnish` (``.url``, ``.port``, ``.stop()``, ``.start()``,
  ``.ban_all()``, ``.get(path)``, ``.serve_default_site()``) with an empty cache and
  ``WAGTAILFRONTENDCACHE`` pointing at it; it brings ``transactional_db`` with serialized
  rollback, as the live server needs. One varnishd serves each test module; a test that stopped
  it gets it started again by the next one. Wagtail purges a page at its Site's host and port:
  once the test has made its site, ``varnish.serve_default_site()`` puts the default site on
  Varnish's address, so that what Wagtail purges is what a visitor (or a browser) of
  ``varnish.url`` sees.
- ``varnish_url``: ``varnish.url``, e.g. ``http://127.0.0.1:40123``.

Without ``/usr/sbin/varnishd`` the tests are skipped, except under CI (``CI`` set), where they
fail: CI installs Debian's ``varnish`` and must run them.
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests
from django.test import override_settings

VARNISHD = "/usr/sbin/varnishd"
VARNISHADM = "/usr/bin/varnishadm"
VCL = Path(__file__).resolve().parents[2] / "docs" / "deploy" / "varnish.vcl"
BACKEND = re.compile(r'(backend default \{\s*\.host = "127\.0\.0\.1";\s*\.port = ")8000(";)')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def vcl_for_backend(port, directory):
    """A copy of the deployed VCL in ``directory`` whose backend is 127.0.0.1:``port``."""
    source = VCL.read_text()
    text, replaced = BACKEND.subn(rf"\g<1>{port}\g<2>", source)
    assert replaced == 1, f"{VCL} no longer declares 'backend default' on 127.0.0.1:8000"
    path = Path(directory) / "varnish.vcl"
    path.write_text(text)
    return path


class Varnish:
    """One varnishd in the foreground, with a work directory of its own, on a fixed free port."""

    def __init__(self, backend_port):
        self.workdir = tempfile.mkdtemp(prefix="varnish-digiradar-")
        os.chmod(self.workdir, 0o755)  # varnishd's unprivileged workers read their files here
        self.vcl = vcl_for_backend(backend_port, self.workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def start(self, timeout=20):
        """Start varnishd and wait until it answers and its backend probe says healthy."""
        if self.running:
            return
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-n",
                self.workdir,
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "127.0.0.1:0",
                "-f",
                str(self.vcl),
                "-s",
                "malloc,32m",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {self.process.stdout.read()}")
            if self._backend_healthy():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"varnishd did not become ready on port {self.port} within {timeout}s")

    def stop(self):
        if not self.running:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def close(self):
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def adm(self, *command):
        """Run a varnishadm command against this varnishd; returns its output."""
        result = subprocess.run(
            [VARNISHADM, "-n", self.workdir, *command], capture_output=True, text=True, timeout=10
        )
        if result.returncode != 0:
            raise RuntimeError(f"varnishadm {' '.join(command)}: {result.stdout}{result.stderr}")
        return result.stdout

    def _backend_healthy(self):
        try:
            return "healthy" in self.adm("backend.list")
        except (RuntimeError, subprocess.TimeoutExpired):
            return False

    def ban_all(self):
        """Empty the cache (every object banned)."""
        self.adm("ban", "obj.status", "!=", "0")

    def serve_default_site(self):
        """Let the default Wagtail site answer on Varnish's address (where visitors come in)."""
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "127.0.0.1", self.port
        site.save()  # save(), not update(): Wagtail clears its cached site root paths on save
        return site

    def get(self, path, **kwargs):
        """GET ``path`` through Varnish (no redirects followed)."""
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 10)
        return requests.get(self.url + path, **kwargs)


def _varnishd_or_skip():
    if os.path.exists(VARNISHD):
        return
    message = f"Varnish not found at {VARNISHD} (apt-get install varnish)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run the front cache tests", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def _varnish_process(live_server, django_db_blocker):
    _varnishd_or_skip()
    process = Varnish(backend_port=int(live_server.url.rsplit(":", 1)[1]))
    # The VCL's health probe GETs "/" every 2 seconds, and the live server needs the database to
    # answer it, between this module's tests too. Varnish stops with the module, and so does the
    # probe.
    with django_db_blocker.unblock():
        try:
            process.start()
            yield process
        finally:
            process.close()


@pytest.fixture
def varnish(_varnish_process, transactional_db, django_db_serialized_rollback):
    _varnish_process.start()  # again, if an earlier test stopped it
    _varnish_process.ban_all()
    backends = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": _varnish_process.url,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        yield _varnish_process


@pytest.fixture
def varnish_url(varnish):
    return varnish.url
