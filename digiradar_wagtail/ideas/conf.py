"""
Settings of the ideas app with their defaults, overridden with the prefix ``DIGIRADAR_``:
``DIGIRADAR_IDEAS_RATE_LIMIT = 3``.
"""

from ..conf import AppSettings

DEFAULTS = {
    # Anonymous ideas (with an optional mail address, then confirmed by mail). False: only
    # logged-in users may propose.
    "IDEAS_ALLOW_ANONYMOUS": True,
    "IDEAS_MAX_LENGTH": 3000,
    "IDEAS_MAX_LINKS": 2,
    "IDEAS_BLOCKLIST": [],
    # Ideas per client address within the window (seconds), reports and supports likewise.
    "IDEAS_RATE_LIMIT": 5,
    "IDEAS_RATE_WINDOW": 10 * 60,
    "IDEAS_REPORT_RATE_LIMIT": 10,
    "IDEAS_SUPPORT_RATE_LIMIT": 30,
    # New anonymous supports of one idea from one address (a keyed hash) within the window: a
    # support without the cookie of an earlier one counts, so clearing the cookie buys little.
    "IDEAS_COOKIELESS_SUPPORT_LIMIT": 2,
    # Reports that send a published idea back to moderation (as for comments).
    "IDEAS_REPORTS_TO_PENDING": 3,
    "IDEAS_ANONYMOUS_REPORTS_TO_PENDING": 10,
    # The anonymous supporter's cookie (set only when someone supports an idea) and its lifetime.
    "IDEAS_COOKIE_NAME": "digiradar_supporter",
    "IDEAS_COOKIE_MAX_AGE": 365 * 24 * 60 * 60,
    # Ideas per page of the public list.
    "IDEAS_PER_PAGE": 20,
}

ideas_settings = AppSettings(DEFAULTS)
