"""The wheel carries everything an installer needs: templates, static files, German catalogue, migrations."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "digiradar_wagtail"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # Build from a copy, so that the shared working tree gets no build/ or egg-info of ours.
    source = tmp_path_factory.mktemp("source") / "digiradar-wagtail"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            "*.sqlite3",
            "node_modules",
            "media",
        ),
    )
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [path] = out.glob("digiradar_wagtail-*-py3-none-any.whl")
    with zipfile.ZipFile(path) as archive:
        yield set(archive.namelist())


def source_files(*patterns):
    return {
        str(path.relative_to(ROOT))
        for pattern in patterns
        for path in PACKAGE.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_wheel_has_every_template(wheel):
    templates = source_files("templates/**/*", "*/templates/**/*")
    assert "digiradar_wagtail/templates/digiradar_wagtail/measure_page.html" in templates
    assert "digiradar_wagtail/templates/digiradar_wagtail/radar_index_page.html" in templates
    assert templates - wheel == set()


def test_wheel_has_every_static_file(wheel):
    static = source_files("static/**/*", "*/static/**/*")
    assert "digiradar_wagtail/static/digiradar_wagtail/css/digiradar.css" in static
    assert static - wheel == set()


def test_wheel_has_the_migrations(wheel):
    migrations = source_files("migrations/*.py", "*/migrations/*.py")
    assert {
        "digiradar_wagtail/migrations/0001_initial.py",
        "digiradar_wagtail/migrations/0002_default_principles.py",
    } <= migrations
    assert migrations - wheel == set()


def test_wheel_has_the_compiled_german_catalogues(wheel):
    assert "digiradar_wagtail/locale/de/LC_MESSAGES/django.mo" in wheel
    catalogues = source_files("locale/*/LC_MESSAGES/django.mo", "*/locale/*/LC_MESSAGES/django.mo")
    assert catalogues - wheel == set()


def test_wheel_has_no_tests_or_example_site(wheel):
    assert not {name for name in wheel if name.startswith(("tests/", "example_site/", "demo/"))}
