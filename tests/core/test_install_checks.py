"""
Checks for what an installer gets wrong on a real site: a base template that is missing, lacks
the blocks the pages fill or declares the wrong language, a cache alias that does not exist, and
(``check --deploy``) a per-process cache behind rate limits and the radar cache.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings

from tests import builders

STOCK_TEMPLATES = Path(__file__).resolve().parents[1] / "testapp" / "templates"


def messages(deploy=False):
    found = run_checks(include_deployment_checks=deploy)
    return {message.id: message for message in found if (message.id or "").startswith("digiradar_wagtail.")}


def templates_with(sources, dirs=()):
    """TEMPLATES with ``sources`` ({name: text}) in memory, before the project's own."""
    engine = dict(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["DIRS"] = [*dirs, *engine["DIRS"]]
    engine["OPTIONS"] = dict(
        engine["OPTIONS"],
        loaders=[
            ("django.template.loaders.locmem.Loader", sources),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    )
    return [engine]


def test_a_missing_base_template_is_an_error():
    with override_settings(DIGIRADAR_BASE_TEMPLATE="city/base.html"):
        found = messages()
    assert "digiradar_wagtail.E010" in found and "city/base.html" in found["digiradar_wagtail.E010"].msg


def test_a_base_template_without_content_or_asset_blocks():
    sources = {"bare.html": "<html><body>{% block main %}{% endblock %}</body></html>"}
    with override_settings(TEMPLATES=templates_with(sources), DIGIRADAR_BASE_TEMPLATE="bare.html"):
        found = messages()
    assert "{% block content %}" in found["digiradar_wagtail.E011"].msg
    assert "digiradar_wagtail.W005" in found and "extra_css" in found["digiradar_wagtail.W005"].hint


def test_blocks_of_an_extended_template_count():
    sources = {
        "outer.html": "<head>{% block extra_css %}{% endblock %}</head>{% block content %}{% endblock %}"
        "{% block extra_js %}{% endblock %}",
        "city.html": '{% extends "outer.html" %}'
        "{% block content %}<main>{{ block.super }}</main>{% endblock %}",
    }
    with override_settings(TEMPLATES=templates_with(sources), DIGIRADAR_BASE_TEMPLATE="city.html"):
        found = messages()
    assert not {"digiradar_wagtail.E011", "digiradar_wagtail.W005"} & set(found)


def test_the_stock_wagtail_base_template_passes_but_for_its_fixed_language(tmp_path):
    # The tests' project has the base template `wagtail start` writes, with the README's change to
    # its <html> tag; undo that change to get the stock one.
    advised = (STOCK_TEMPLATES / "base.html").read_text()
    assert '<html lang="{{ LANGUAGE_CODE }}">' in advised
    stock = advised.replace('<html lang="{{ LANGUAGE_CODE }}">', '<html lang="en">')
    (tmp_path / "base.html").write_text(stock)
    with override_settings(
        TEMPLATES=templates_with({}, dirs=[tmp_path]), DIGIRADAR_BASE_TEMPLATE="base.html"
    ):
        found = messages()
    assert not {"digiradar_wagtail.E010", "digiradar_wagtail.E011", "digiradar_wagtail.W005"} & set(found)
    assert "LANGUAGE_CODE" in found["digiradar_wagtail.W006"].hint
    advised_settings = {
        "TEMPLATES": templates_with({}, dirs=[STOCK_TEMPLATES]),
        "DIGIRADAR_BASE_TEMPLATE": "base.html",
    }
    with override_settings(**advised_settings):
        assert "digiradar_wagtail.W006" not in messages()


def test_the_demo_base_template_passes():
    assert not {"digiradar_wagtail.E010", "digiradar_wagtail.E011", "digiradar_wagtail.W005"} & set(
        messages()
    )
    assert "digiradar_wagtail.W006" not in messages()


def test_a_cache_alias_that_does_not_exist():
    with override_settings(DIGIRADAR_CACHE_ALIAS="radar"):
        found = messages()
    assert (
        "'radar'" in found["digiradar_wagtail.E012"].msg and "default" in found["digiradar_wagtail.E012"].hint
    )


def test_deploy_check_names_a_per_process_cache():
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=locmem):
        assert "digiradar_wagtail.W007" in messages(deploy=True)
        assert "digiradar_wagtail.W007" not in messages(deploy=False)
    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379",
        }
    }
    with override_settings(CACHES=redis):
        assert "digiradar_wagtail.W007" not in messages(deploy=True)


@pytest.mark.parametrize("setting", [{"DIGIRADAR_BASE_TEMPLATE": "city/base.html"}])
def test_what_the_check_foretells_happens(client, radar, setting):
    """The misconfiguration E010 names really breaks the radar page (so the check is not idle)."""
    builders.make_measure(radar, "Maßnahme")
    with override_settings(**setting), pytest.raises(Exception, match="city/base.html"):
        client.get(radar.url)
