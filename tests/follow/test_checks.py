"""The follow app's settings are checked at start-up: a wrong type is named, not a 500 later."""

from digiradar_wagtail.follow.checks import check_settings


def test_whole_numbers_are_required(settings):
    assert check_settings(None) == []
    settings.DIGIRADAR_FOLLOW_CONFIRM_DAYS = "7"
    settings.DIGIRADAR_FOLLOW_RATE_LIMIT = 0
    settings.DIGIRADAR_FOLLOW_BASE_URL = None
    errors = check_settings(None)
    assert [error.id for error in errors] == ["digiradar_follow.E001"] * 2 + ["digiradar_follow.E002"]
    assert "DIGIRADAR_FOLLOW_CONFIRM_DAYS" in errors[0].msg and "'7'" in errors[0].msg
