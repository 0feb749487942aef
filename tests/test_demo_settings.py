"""The demo's settings refuse a published secret key in production and send cookies only over HTTPS."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SECRET_KEY[:4])"
)


def run_demo_settings(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="example_site.settings", PYTHONPATH=str(ROOT / "example_site"))
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], env=environment, capture_output=True, text=True, cwd=ROOT
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = run_demo_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr


def test_production_with_a_key_sends_secure_cookies():
    result = run_demo_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k3y-from-the-environment")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "k3y-"]


def test_local_development_keeps_plain_http_cookies_and_the_demo_key():
    result = run_demo_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False", "demo"]


def test_https_can_be_switched_off_for_a_local_production_run():
    result = run_demo_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k3y", DJANGO_HTTPS="0")
    assert result.stdout.split()[:3] == ["False", "False", "False"]
