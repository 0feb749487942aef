"""The checks that say what comments need from a city's mail and privacy set-up."""

from django.core.checks import run_checks
from django.test import override_settings

from tests.comments.conftest import publish_privacy_page


def messages(check_id, **kwargs):
    return [message for message in run_checks(**kwargs) if message.id == check_id]


def database_messages(check_id):
    return messages(check_id, databases=["default"])


def test_the_demo_settings_pass_every_new_check(home):
    for check_id in ("W002", "W003", "E013"):
        assert messages(f"digiradar_comments.{check_id}") == []


@override_settings(DEFAULT_FROM_EMAIL="webmaster@localhost", COMMENTS_XTD_FROM_EMAIL=None)
def test_djangos_default_sender_warns():
    [warning] = messages("digiradar_comments.W002")
    assert "webmaster@localhost" in warning.msg and "DEFAULT_FROM_EMAIL" in warning.hint


@override_settings(DEFAULT_FROM_EMAIL="webmaster@localhost", COMMENTS_XTD_FROM_EMAIL="radar@city.example")
def test_comments_xtd_sender_is_enough():
    assert messages("digiradar_comments.W002") == []


@override_settings(WAGTAILADMIN_BASE_URL="")
def test_missing_admin_base_url_warns():
    [warning] = messages("digiradar_comments.W003")
    assert "example.com" in warning.msg and "WAGTAILADMIN_BASE_URL = " in warning.hint


@override_settings(WAGTAILADMIN_BASE_URL="http://example.com")
def test_the_placeholder_of_wagtail_start_warns():
    [warning] = messages("digiradar_comments.W003")
    assert "'http://example.com'" in warning.msg and "wagtail start" in warning.msg


def test_unset_admin_base_url_is_left_to_wagtails_own_check(settings):
    del settings.WAGTAILADMIN_BASE_URL
    assert messages("digiradar_comments.W003") == []
    assert len(messages("wagtailadmin.W003")) == 1


def test_a_backend_that_delivers_nothing_warns_on_deploy_only():
    for name in ("console", "locmem", "dummy", "filebased"):
        with override_settings(EMAIL_BACKEND=f"django.core.mail.backends.{name}.EmailBackend"):
            assert messages("digiradar_comments.W004") == []  # not a deploy check run
            [warning] = messages("digiradar_comments.W004", include_deployment_checks=True)
            assert name in warning.msg and "never be confirmed" in warning.msg
            assert "smtp.EmailBackend" in warning.hint
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
        assert messages("digiradar_comments.W004", include_deployment_checks=True) == []


def test_a_privacy_url_that_is_no_url_is_an_error():
    for value in ("not a url", "datenschutz/", "ftp://city.example/privacy", "//city.example/x", "", 42, {}):
        with override_settings(DIGIRADAR_PRIVACY_URL=value):
            [error] = messages("digiradar_comments.E013")
            assert "DIGIRADAR_PRIVACY_URL" in error.msg and "/datenschutz/" in error.hint
    with override_settings(DIGIRADAR_PRIVACY_URL={"de": "/de/datenschutz/", "en": "privacy"}):
        [error] = messages("digiradar_comments.E013")
        assert "['en']" in error.msg and "'privacy'" in error.msg
    for value in (
        "/datenschutz/",
        "https://city.example/datenschutz",
        {"de": "/de/ds/", "en": "http://x.example/"},
    ):
        with override_settings(DIGIRADAR_PRIVACY_URL=value):
            assert messages("digiradar_comments.E013") == []


@override_settings(DIGIRADAR_PRIVACY_URL="/de/datenschutz/")
def test_a_privacy_path_without_a_page_warns(home):
    assert messages("digiradar_comments.W005") == []  # a database check: only with --database
    [warning] = database_messages("digiradar_comments.W005")
    assert warning.msg == (
        "The consent checkbox of the comment form links to /de/datenschutz/, "
        "which does not exist on this site."
    )
    assert "Settings > Privacy page for comments" in warning.hint


@override_settings(DIGIRADAR_PRIVACY_URL="/de/datenschutz/")
def test_a_privacy_path_with_a_live_page_passes(home):
    page = publish_privacy_page(home)
    assert database_messages("digiradar_comments.W005") == []
    page.unpublish()
    assert len(database_messages("digiradar_comments.W005")) == 1


@override_settings(DIGIRADAR_PRIVACY_URL={"de": "/de/datenschutz/", "en": "/en/privacy/"})
def test_each_language_path_is_checked_in_its_language(home, english):
    from tests import builders

    builders.translate(publish_privacy_page(home), english)  # English slug stays "datenschutz"
    [warning] = database_messages("digiradar_comments.W005")
    assert "/en/privacy/" in warning.msg and "'en'" in warning.msg


@override_settings(DIGIRADAR_PRIVACY_URL="/de/digiradar/comments/post/")
def test_a_path_answered_by_a_url_pattern_passes(home):
    assert database_messages("digiradar_comments.W005") == []


@override_settings(DIGIRADAR_PRIVACY_URL="https://city.example/datenschutz")
def test_absolute_urls_are_not_looked_up(home):
    assert database_messages("digiradar_comments.W005") == []


@override_settings(DIGIRADAR_PRIVACY_URL="/de/datenschutz/")
def test_a_privacy_page_chosen_in_the_site_setting_makes_the_path_unused(home):
    from wagtail.models import Site

    from digiradar_wagtail.comments.models import CommentsPrivacySetting

    page = publish_privacy_page(home, slug="privatsphaere")
    CommentsPrivacySetting.objects.create(site=Site.objects.get(is_default_site=True), privacy_page=page)
    assert database_messages("digiradar_comments.W005") == []
