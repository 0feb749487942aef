"""
The checks that guard the search settings: a backend name that does not exist, a malformed
language mapping, one configuration for several languages on PostgreSQL, and a configuration
PostgreSQL does not have.
"""

import os

import pytest
from django.core.checks import run_checks
from django.test import override_settings

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="a PostgreSQL setting"
)


def _ids(**overrides):
    with override_settings(**overrides):
        return [message.id for message in run_checks()]


def test_check_refuses_a_search_backend_that_does_not_exist(db):
    with override_settings(DIGIRADAR_SEARCH_BACKEND="german"):
        [error] = [message for message in run_checks() if message.id == "digiradar_wagtail.E020"]
    assert "'german'" in error.msg and "default" in error.hint
    assert "digiradar_wagtail.E020" not in _ids()


@pytest.mark.parametrize("configs", ["german", {"de": None}, {"": "german"}, ["german"]])
def test_check_refuses_malformed_language_configurations(db, configs):
    backends = {"default": {"BACKEND": "digiradar_wagtail.search", "LANGUAGE_SEARCH_CONFIGS": configs}}
    assert "digiradar_wagtail.E021" in _ids(WAGTAILSEARCH_BACKENDS=backends)


def test_the_readme_snippet_is_what_the_demo_runs_and_passes_the_checks(db, settings):
    from tests.install.readme import snippet

    namespace = {}
    exec(snippet("search settings"), namespace)  # noqa: S102  (our own README)
    assert namespace["WAGTAILSEARCH_BACKENDS"] == settings.WAGTAILSEARCH_BACKENDS
    assert namespace["DIGIRADAR_SEARCH_BACKEND"] == settings.DIGIRADAR_SEARCH_BACKEND
    messages = [message.id for message in run_checks(databases=["default"])]
    assert not [message for message in messages if message.startswith("digiradar_wagtail.")]


@ON_POSTGRESQL
def test_check_warns_when_the_backend_knows_one_configuration_only(db):
    plain = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "german"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=plain):
        assert "digiradar_wagtail.W020" in [message.id for message in run_checks()]
    assert "digiradar_wagtail.W020" not in [message.id for message in run_checks()]


@ON_POSTGRESQL
def test_check_names_a_configuration_postgresql_does_not_have(db):
    backends = {
        "default": {
            "BACKEND": "digiradar_wagtail.search",
            "LANGUAGE_SEARCH_CONFIGS": {"de": "german", "en": "klingon"},
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        [error] = [m for m in run_checks(databases=["default"]) if m.id == "digiradar_wagtail.E022"]
    assert "'klingon'" in error.msg and "english" in error.hint
    assert not [m for m in run_checks(databases=["default"]) if m.id == "digiradar_wagtail.E022"]


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite's behaviour")
def test_no_warning_on_sqlite_where_nothing_stems(db):
    plain = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    assert "digiradar_wagtail.W020" not in _ids(WAGTAILSEARCH_BACKENDS=plain)
