"""System checks name exactly what an installer's settings lack."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import ERROR, WARNING, run_checks
from django.test import modify_settings, override_settings

ROOT = Path(__file__).resolve().parents[2]


def digiradar_messages():
    return [message for message in run_checks() if message.id and message.id.startswith("digiradar_wagtail.")]


def ids():
    return sorted(message.id for message in digiradar_messages())


def comment_messages():
    return [m for m in run_checks() if m.id and m.id.startswith("digiradar_comments.")]


def comment_ids():
    return sorted(message.id for message in comment_messages())


def test_the_real_settings_pass(db):
    assert digiradar_messages() == []
    assert [m for m in run_checks() if m.level >= ERROR] == []


@pytest.mark.parametrize("value", [None, "django_comments", "django_comments_xtd.models"])
def test_comments_app_missing_or_wrong(value):
    with override_settings(COMMENTS_APP=value):
        if value is None:
            del settings.COMMENTS_APP
        assert comment_ids() == ["digiradar_comments.E004"] and ids() == []
        [message] = comment_messages()
        assert "COMMENTS_APP" in message.msg and "django_comments_xtd" in message.hint


def test_site_id_missing():
    with override_settings():
        del settings.SITE_ID
        assert comment_ids() == ["digiradar_comments.E003"] and ids() == []
        assert "SITE_ID = 1" in comment_messages()[0].hint


def test_comment_model_not_ours_and_threaded_mail():
    with override_settings(COMMENTS_XTD_MODEL="django_comments_xtd.models.XtdComment"):
        assert comment_ids() == ["digiradar_comments.E001"]
        assert "digiradar_wagtail.comments.models.Comment" in comment_messages()[0].msg
    with override_settings(COMMENTS_XTD_THREADED_EMAILS=True):
        [warning] = comment_messages()
        assert (warning.id, warning.level) == ("digiradar_comments.W001", WARNING)
        assert warning.hint == "Set COMMENTS_XTD_THREADED_EMAILS = False."


def manage_py_check(*remove_apps):
    """``manage.py check`` in a fresh process whose INSTALLED_APPS lack ``remove_apps``."""
    env = {
        **os.environ,
        "DIGIRADAR_TEST_REMOVE_APPS": ",".join(remove_apps),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--settings", "tests.core.broken_settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def test_broken_settings_module_without_changes_passes():
    code, output = manage_py_check()
    assert code == 0, output
    assert "digiradar_wagtail." not in output


def test_a_required_wagtail_app_missing():
    code, output = manage_py_check("wagtail.snippets")
    assert code != 0
    assert "(digiradar_wagtail.E001) 'wagtail.snippets' must be in INSTALLED_APPS." in output


def test_wagtail_localize_missing_while_i18n_is_on():
    code, output = manage_py_check("wagtail_localize", "wagtail_localize.locales")
    assert code != 0
    assert "(digiradar_wagtail.E005)" in output
    assert "digiradar_wagtail.E00" not in output.replace("digiradar_wagtail.E005", "")


@pytest.mark.parametrize("app", ["django.contrib.sites", "django_comments_xtd", "django_comments"])
def test_comment_framework_missing_names_the_app(app):
    # The comments app stops Django while loading (its models subclass django-comments-xtd's, so no
    # system check could run); its message carries the check id and names the missing app.
    code, output = manage_py_check(app)
    assert code != 0
    assert "digiradar_wagtail.E002" in output
    assert f"'{app}'" in output


def test_content_languages_empty():
    with override_settings(WAGTAIL_CONTENT_LANGUAGES=[]):
        assert "digiradar_wagtail.E006" in ids()


def test_use_i18n_off():
    with override_settings(USE_I18N=False):
        assert ids() == ["digiradar_wagtail.E007"]


def test_locale_middleware_missing_is_a_warning():
    with modify_settings(MIDDLEWARE={"remove": ["django.middleware.locale.LocaleMiddleware"]}):
        [message] = digiradar_messages()
        assert message.id == "digiradar_wagtail.W001"
        assert not message.is_serious()


def test_unknown_setting():
    with override_settings(DIGIRADAR_HISTORY_MARKERS_DAYS=30):
        [message] = digiradar_messages()
        assert message.id == "digiradar_wagtail.W002"
        assert "DIGIRADAR_HISTORY_MARKERS_DAYS" in message.msg
        assert "DIGIRADAR_HISTORY_MARKER_DAYS" in message.hint


def test_known_settings_are_not_reported():
    with override_settings(DIGIRADAR_HISTORY_MARKER_DAYS=30, DIGIRADAR_COMMENTS_MODERATION="post"):
        assert ids() == []


@pytest.mark.parametrize("value", ["sometimes", None, "PRE"])
def test_moderation_setting_invalid(value):
    with override_settings(DIGIRADAR_COMMENTS_MODERATION=value):
        assert comment_ids() == ["digiradar_comments.E008"] and ids() == []
        assert "'pre'" in comment_messages()[0].hint


@pytest.mark.parametrize("value", [-1, "90", True, 1.5])
def test_number_settings_must_be_whole_numbers(value):
    with override_settings(DIGIRADAR_HISTORY_MARKER_DAYS=value):
        assert ids() == ["digiradar_wagtail.E009"]
        assert repr(value) in digiradar_messages()[0].msg


@pytest.mark.parametrize("name", ["STALE_PROGRESS_DAYS", "STALE_REMINDER_DAYS", "MAIL_ATTEMPTS"])
@pytest.mark.parametrize("value", [0, "180", None])
def test_freshness_and_mail_settings_must_be_positive_whole_numbers(name, value):
    with override_settings(**{f"DIGIRADAR_{name}": value}):
        assert ids() == ["digiradar_wagtail.E009"]
        assert f"DIGIRADAR_{name}" in digiradar_messages()[0].msg


@pytest.mark.parametrize("value", [-1, "3", True, 1.5])
def test_the_report_threshold_must_be_a_whole_number(value):
    with override_settings(DIGIRADAR_COMMENTS_REPORTS_TO_PENDING=value):
        assert comment_ids() == ["digiradar_comments.E009"] and ids() == []
        [message] = comment_messages()
        assert repr(value) in message.msg and message.hint


def test_manage_py_check_fails_on_a_broken_setting(capsys):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    with override_settings(DIGIRADAR_COMMENTS_MODERATION="sometimes"):
        with pytest.raises(SystemCheckError, match=r"digiradar_comments\.E008"):
            call_command("check")


def test_mail_task_backend_must_be_in_tasks():
    with override_settings(DIGIRADAR_MAIL_TASK_BACKEND="mail"):
        [message] = [m for m in digiradar_messages() if m.id == "digiradar_wagtail.E014"]
    assert "'mail'" in message.msg and "default" in message.hint


def test_deploy_check_warns_when_mails_are_sent_inside_requests():
    def deploy_ids():
        return [m.id for m in run_checks(include_deployment_checks=True) if m.id == "digiradar_wagtail.W009"]

    assert deploy_ids() == ["digiradar_wagtail.W009"]  # the tests' ImmediateBackend
    from tests.worker import DATABASE_TASKS

    with override_settings(TASKS=DATABASE_TASKS):
        assert deploy_ids() == []
