"""
The install matrix: the radar alone, with comments, with ratings, with ideas, with follow, and
with all four, each in the tests' own project (``tests.testapp``, not the demo). For each: ``check``,
``migrate``, ``makemigrations --check``, then a radar, a measure page, the exports, (with ideas) the
ideas page and its files and (with follow) the follow page, served by gunicorn over real HTTP from a
real database file.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMBINATIONS = {
    "core": "",
    "comments": "comments",
    "ratings": "ratings",
    "ideas": "ideas",
    "follow": "follow",
    "all": "comments,ratings,ideas,follow",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(apps, database):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.testapp.settings",
        DIGIRADAR_TEST_APPS=apps,
        SQLITE_PATH=str(database),
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "django", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.mark.parametrize("combination", list(COMBINATIONS))
def test_install_combination(tmp_path, combination):
    env = environment(COMBINATIONS[combination], tmp_path / "db.sqlite3")
    output = manage(env, "check", "--fail-level", "WARNING")
    assert "digiradar" not in output, output
    manage(env, "migrate", "--no-input")
    manage(env, "makemigrations", "--check", "--dry-run")
    built = subprocess.run(
        [sys.executable, "-m", "tests.install.exercise"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    urls = json.loads(built.stdout.strip().splitlines()[-1])
    if not COMBINATIONS[combination]:
        # A measure that still holds a rating block from a time when the ratings app was installed:
        # kept, shown as nothing, and named by check W004.
        assert "digiradar_wagtail.W004" not in manage(env, "check", "--database", "default")
        code = (
            "import django; django.setup(); from digiradar_wagtail.models import MeasurePage; "
            "MeasurePage.objects.update(participation=[{'type': 'rating', 'value': {}}])"
        )
        subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
        assert "digiradar_wagtail.W004" in manage(env, "check", "--database", "default")

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1", "tests.testapp.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        status, radar_html = fetch(base + urls["radar"])
        assert status == 200, radar_html[:2000]
        assert "Bürger-ID" in radar_html
        status, measure_html = fetch(base + urls["measure"])
        assert status == 200, measure_html[:2000]
        assert "Bürger-ID" in measure_html
        # The project's base template is the one `wagtail start` writes (blocks extra_css and
        # extra_js, no class of ours): the pages bring their stylesheet, script and language.
        for html in (radar_html, measure_html):
            head = html.split("</head>")[0]
            assert "digiradar_wagtail/css/digiradar.css" in head
            assert re.search(r'<article class="digiradar [^"]*" lang="de">', html)
        script = r'<script src="[^"]*digiradar_wagtail/js/radar.js"[^>]*></script>\s*</body>'
        assert re.search(script, radar_html)
        # What a sub-app adds shows only when it is installed.
        assert ('id="comment-form"' in measure_html) == ("comments" in COMBINATIONS[combination])
        assert ("digiradar-rating" in measure_html) == ("ratings" in COMBINATIONS[combination])
        following = "follow" in COMBINATIONS[combination]
        assert ("/digiradar/follow/" in measure_html) == following
        assert ("/digiradar/follow/" in radar_html) == following
        if following:
            follow_url = re.search(r'href="([^"]*/digiradar/follow/[^"]+)"', measure_html).group(1)
            status, follow_html = fetch(base + follow_url)
            assert status == 200 and 'type="email"' in follow_html, follow_html[:2000]
        for url in urls["exports"]:
            status, body = fetch(base + url)
            assert status == 200, (url, body[:2000])
        # The ideas page, its idea and the radar's ideas.json, only with the ideas app.
        assert bool(urls["ideas"]) == ("ideas" in COMBINATIONS[combination])
        for url in urls["ideas"]:
            status, body = fetch(base + url)
            assert status == 200 and "Offenes WLAN" in body, (url, body[:2000])
        if "ideas" not in COMBINATIONS[combination]:
            assert fetch(base + urls["radar"] + "ideas.json")[0] == 404
        exported = json.loads(fetch(base + urls["exports"][0])[1])
        [item] = exported["measures"]
        assert ("ratings" in item) == ("ratings" in COMBINATIONS[combination])
    finally:
        server.terminate()
        server.wait(timeout=10)
