"""System checks of the follow app's settings."""

from django.core.checks import Error

from .conf import DEFAULTS, follow_settings


def check_settings(app_configs, **kwargs):
    errors = []
    for name in ("FOLLOW_CONFIRM_DAYS", "FOLLOW_RATE_LIMIT", "FOLLOW_RATE_WINDOW", "FOLLOW_DIGEST_DAYS"):
        value = getattr(follow_settings, name)
        if type(value) is not int or value < 1:
            errors.append(
                Error(
                    f"DIGIRADAR_{name} must be a whole number of at least 1, not {value!r}.",
                    hint=f"The default is {DEFAULTS[name]}.",
                    id="digiradar_follow.E001",
                )
            )
    if not isinstance(follow_settings.FOLLOW_BASE_URL, str):
        errors.append(Error("DIGIRADAR_FOLLOW_BASE_URL must be a URL string.", id="digiradar_follow.E002"))
    return errors
