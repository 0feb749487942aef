"""
System checks of the ideas app (``manage.py check``), registered in ``AppConfig.ready()``: its
limits must be whole numbers with which proposing, reporting and supporting can work.
"""

from django.core.checks import Error

from ..checks import failed_checks, whole_number_errors
from ..conf import PREFIX
from .conf import ideas_settings

CHECK_ID = "digiradar_ideas.{}"

AT_LEAST_ONE = {
    "IDEAS_MAX_LENGTH": "The longest description, in characters",
    "IDEAS_RATE_LIMIT": "Ideas one address may send within IDEAS_RATE_WINDOW",
    "IDEAS_RATE_WINDOW": "The rate limits' window, in seconds",
    "IDEAS_REPORT_RATE_LIMIT": "Reports one address may send within the window",
    "IDEAS_SUPPORT_RATE_LIMIT": "Supports one address may send within the window",
    "IDEAS_COOKIELESS_SUPPORT_LIMIT": "New anonymous supports of one idea from one address within the window",
    "IDEAS_PER_PAGE": "Ideas per page of the public list",
    "IDEAS_COOKIE_MAX_AGE": "Seconds the anonymous supporter's cookie lasts",
}
AT_LEAST_ZERO = {
    "IDEAS_MAX_LINKS": "Links a description may hold",
    "IDEAS_REPORTS_TO_PENDING": "Reports of logged-in people that send an idea back to moderation (0: never)",
    "IDEAS_ANONYMOUS_REPORTS_TO_PENDING": "Anonymous reports that do so (0: never)",
}


def check_settings(app_configs=None, **kwargs):
    """The ``DIGIRADAR_IDEAS_*`` settings have values the ideas can work with."""
    errors = whole_number_errors(ideas_settings, AT_LEAST_ONE, 1, CHECK_ID.format("E001"))
    errors += whole_number_errors(ideas_settings, AT_LEAST_ZERO, 0, CHECK_ID.format("E001"))
    blocklist = ideas_settings.IDEAS_BLOCKLIST
    return errors + failed_checks(
        CHECK_ID,
        (
            not isinstance(blocklist, (list, tuple)) or not all(isinstance(word, str) for word in blocklist),
            Error,
            f"{PREFIX}IDEAS_BLOCKLIST must be a list of words, not {blocklist!r}.",
            'For example ["casino", "viagra"]; the default is [].',
            "E002",
        ),
    )
