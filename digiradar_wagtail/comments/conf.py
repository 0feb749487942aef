"""
Settings of the comment sub-app with their defaults, overridden with the prefix ``DIGIRADAR_``
like every setting of the plugin: ``DIGIRADAR_COMMENTS_MODERATION = "post"``. The privacy page
the form links to is a core setting (``DIGIRADAR_PRIVACY_URL``, see ``digiradar_wagtail.conf``).
"""

from ..conf import AppSettings

DEFAULTS = {
    # "pre": nothing is public before a moderator approves it; "post": published at once.
    "COMMENTS_MODERATION": "pre",
    "COMMENTS_ALLOW_ANONYMOUS": True,
    "COMMENTS_MAX_LENGTH": 3000,
    "COMMENTS_MAX_THREAD_LEVEL": 2,
    "COMMENTS_MAX_LINKS": 2,
    "COMMENTS_BLOCKLIST": [],
    # Reports send a published comment back to "pending" once they add up to 1, where each
    # open report of a logged-in user counts 1/COMMENTS_REPORTS_TO_PENDING and each open report
    # of an anonymous visitor (one per client address) 1/COMMENTS_ANONYMOUS_REPORTS_TO_PENDING:
    # by default 3 logged-in reports, or 10 anonymous ones, or e.g. 2 logged-in and 4 anonymous.
    # 0 means reports of that kind never do it on their own. Moderators see every open report
    # in the queue (count and "Reported" filter) whatever the weight.
    "COMMENTS_REPORTS_TO_PENDING": 3,
    "COMMENTS_ANONYMOUS_REPORTS_TO_PENDING": 10,
    # Posting limit per client address: this many comments within the window (seconds).
    "COMMENTS_RATE_LIMIT": 5,
    "COMMENTS_RATE_WINDOW": 10 * 60,
    # Reports per client address within the same window.
    "COMMENTS_REPORT_RATE_LIMIT": 10,
    # Top-level threads per page of a discussion (keeps a page's queries constant).
    "COMMENTS_THREADS_PER_PAGE": 20,
    # "immediate" or "digest": how moderators learn of new pending comments.
    "COMMENTS_NOTIFY": "immediate",
    # Personal data of comments older than this is anonymised by ``digiradar_anonymise_comments``.
    "COMMENTS_RETENTION_DAYS": 365,
}

comments_settings = AppSettings(DEFAULTS)
