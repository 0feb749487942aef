"""The rating sub-app's system checks: its own settings, and the vote URL."""

import pytest
from django.core.checks import run_checks

from digiradar_wagtail.ratings.checks import check_settings, check_vote_url
from digiradar_wagtail.ratings.conf import DEFAULTS, ratings_settings

urlpatterns = []  # a URLconf without the ratings URLs, for W001


def ids(messages):
    return [message.id for message in messages]


def test_the_defaults_pass():
    assert check_settings() == []
    assert check_vote_url() == []


def test_settings_are_read_from_the_prefixed_names(settings):
    assert ratings_settings.RATINGS_RATE_LIMIT == DEFAULTS["RATINGS_RATE_LIMIT"]
    settings.DIGIRADAR_RATINGS_RATE_LIMIT = 7
    assert ratings_settings.RATINGS_RATE_LIMIT == 7
    with pytest.raises(AttributeError):
        ratings_settings.RATINGS_NO_SUCH_THING  # noqa: B018


@pytest.mark.parametrize(
    "name",
    [
        "RATINGS_RATE_LIMIT",
        "RATINGS_RATE_WINDOW",
        "RATINGS_COOKIELESS_REVOTE_LIMIT",
        "RATINGS_COOKIELESS_REVOTE_WINDOW",
        "RATINGS_FORM_MAX_AGE",
        "RATINGS_COOKIE_MAX_AGE",
    ],
)
@pytest.mark.parametrize("value", [0, -5, 1.5, "60", True, None])
def test_limits_and_windows_are_whole_numbers_of_at_least_one(settings, name, value):
    setattr(settings, f"DIGIRADAR_{name}", value)
    messages = check_settings()
    assert ids(messages) == ["digiradar_ratings.E001"]
    assert f"DIGIRADAR_{name}" in messages[0].msg and messages[0].hint
    setattr(settings, f"DIGIRADAR_{name}", 1)
    assert check_settings() == []


@pytest.mark.parametrize("value", [-1, 2.5, "100", False])
def test_burst_threshold_is_a_whole_number_of_at_least_zero(settings, value):
    settings.DIGIRADAR_RATINGS_BURST_PER_HOUR = value
    messages = check_settings()
    assert ids(messages) == ["digiradar_ratings.E002"] and messages[0].hint
    settings.DIGIRADAR_RATINGS_BURST_PER_HOUR = 0
    assert check_settings() == []


@pytest.mark.parametrize("value", ["", "voter id", "voter;id", "wähler", "a=b", 'a"b', None, 42])
def test_cookie_name_must_be_a_valid_cookie_name(settings, value):
    settings.DIGIRADAR_RATINGS_COOKIE_NAME = value
    messages = check_settings()
    assert ids(messages) == ["digiradar_ratings.E003"] and messages[0].hint


def test_cookie_name_must_not_be_another_cookies_name(settings):
    for other in ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_NAME"):
        settings.DIGIRADAR_RATINGS_COOKIE_NAME = getattr(settings, other)
        messages = check_settings()
        assert ids(messages) == ["digiradar_ratings.E004"] and other in messages[0].msg
    settings.DIGIRADAR_RATINGS_COOKIE_NAME = "city-voter_2.0"
    assert check_settings() == []


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_allow_anonymous_is_a_boolean(settings, value):
    settings.DIGIRADAR_RATINGS_ALLOW_ANONYMOUS = value
    assert ids(check_settings()) == ["digiradar_ratings.E005"]


def test_warns_when_the_vote_url_is_not_mounted(settings):
    settings.ROOT_URLCONF = __name__
    messages = check_vote_url()
    assert ids(messages) == ["digiradar_ratings.W001"] and "include" in messages[0].hint


def test_checks_are_registered_with_django(settings):
    settings.DIGIRADAR_RATINGS_RATE_WINDOW = 0
    settings.DIGIRADAR_RATINGS_COOKIE_NAME = "bad name"
    found = ids(run_checks())
    assert "digiradar_ratings.E001" in found and "digiradar_ratings.E003" in found
    assert not [message for message in run_checks() if message.id == "digiradar_wagtail.W002"]
