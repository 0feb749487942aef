"""
System checks of the rating sub-app (``manage.py check``), registered in ``AppConfig.ready()``.

Errors (E) name a setting with which voting cannot work; warnings (W) a setup that is probably
a mistake.
"""

import re

from django.conf import settings
from django.core.checks import Error, Warning
from django.urls import NoReverseMatch, reverse

from ..checks import whole_number_errors
from ..conf import PREFIX
from .conf import DEFAULTS, ratings_settings

CHECK_ID = "digiradar_ratings.{}"

# Limits and lengths of time that must be at least 1 (a limit of 0 refuses every vote, a window
# of 0 seconds counts nothing).
AT_LEAST_ONE = {
    "RATINGS_RATE_LIMIT": "Votes one client may send within RATINGS_RATE_WINDOW",
    "RATINGS_RATE_WINDOW": "The rate limit's window, in seconds",
    "RATINGS_COOKIELESS_REVOTE_LIMIT": "New anonymous votes one address may cast on one rating "
    "within RATINGS_COOKIELESS_REVOTE_WINDOW",
    "RATINGS_COOKIELESS_REVOTE_WINDOW": "The window of new anonymous votes, in seconds",
    "RATINGS_FORM_MAX_AGE": "Seconds a rating form stays valid",
    "RATINGS_COOKIE_MAX_AGE": "Seconds the anonymous voter's cookie lasts",
}

# A cookie name is an RFC 6265 token: printable ASCII without separators, spaces or "=".
COOKIE_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def check_settings(app_configs=None, **kwargs):
    """The ``DIGIRADAR_RATINGS_*`` settings have values voting can work with."""
    errors = []
    errors += whole_number_errors(ratings_settings, AT_LEAST_ONE, 1, CHECK_ID.format("E001"))
    errors += whole_number_errors(
        ratings_settings,
        {"RATINGS_BURST_PER_HOUR": "The report flags a rating with more votes than this in one hour"},
        0,
        CHECK_ID.format("E002"),
    )
    cookie = ratings_settings.RATINGS_COOKIE_NAME
    if not isinstance(cookie, str) or not COOKIE_NAME.fullmatch(cookie):
        errors.append(
            Error(
                f"{PREFIX}RATINGS_COOKIE_NAME {cookie!r} is not a valid cookie name.",
                hint="Use letters, digits and - _ . only, e.g. the default "
                f"{DEFAULTS['RATINGS_COOKIE_NAME']!r}.",
                id=CHECK_ID.format("E003"),
            )
        )
    else:
        for other in ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_NAME"):
            if cookie == getattr(settings, other, None):
                errors.append(
                    Error(
                        f"{PREFIX}RATINGS_COOKIE_NAME is {cookie!r}, the same as {other}.",
                        hint="The voter cookie would overwrite the other one: give it a name of its own.",
                        id=CHECK_ID.format("E004"),
                    )
                )
    anonymous = ratings_settings.RATINGS_ALLOW_ANONYMOUS
    if not isinstance(anonymous, bool):
        errors.append(
            Error(
                f"{PREFIX}RATINGS_ALLOW_ANONYMOUS must be True or False, not {anonymous!r}.",
                hint="True: anyone may rate (with a cookie set when they vote); False: only logged-in users.",
                id=CHECK_ID.format("E005"),
            )
        )
    return errors


def check_vote_url(app_configs=None, **kwargs):
    """
    The vote endpoint is mounted (W001: without it rating blocks show results but no form) and
    reachable (E006: not shadowed by a pattern listed before it).
    """
    try:
        reverse("digiradar_ratings:vote", kwargs={"page_id": 1})
    except NoReverseMatch:
        return [
            Warning(
                "The ratings URLs are not included: rating blocks show no form and nobody can vote.",
                hint='Add path("", include("digiradar_wagtail.urls")) to your URLs, before Wagtail\'s '
                "page route (inside i18n_patterns if the site has several languages).",
                id=CHECK_ID.format("W001"),
            )
        ]
    from ..checks import check_url_reaches  # the radar's checks module registers checks on import

    # Included, but answered by another pattern listed before it (Wagtail's page route)?
    return check_url_reaches(
        ("digiradar_ratings:vote", [1]),
        "digiradar_wagtail.ratings",
        CHECK_ID.format("E006"),
        'List path("", include("digiradar_wagtail.urls")) first.',
    )
