"""
Settings of the follow sub-app with their defaults, overridden with the prefix ``DIGIRADAR_``
like every setting of the plugin: ``DIGIRADAR_FOLLOW_CONFIRM_DAYS = 3``.
"""

from ..conf import AppSettings

DEFAULTS = {
    # Days a confirmation link works; unconfirmed follows older than this are deleted (with their
    # address) by ``digiradar_follow_digest``.
    "FOLLOW_CONFIRM_DAYS": 7,
    # Follow requests per client address within the window (seconds): each one may send a mail.
    "FOLLOW_RATE_LIMIT": 5,
    "FOLLOW_RATE_WINDOW": 10 * 60,
    # Days between two digests to one weekly follower (``digiradar_follow_digest`` may run daily).
    "FOLLOW_DIGEST_DAYS": 7,
    # Where links in mails sent by the worker point (no request there): the public site's origin,
    # e.g. "https://radar.city.example". Empty: the subject's own absolute URL, else
    # WAGTAILADMIN_BASE_URL.
    "FOLLOW_BASE_URL": "",
}

follow_settings = AppSettings(DEFAULTS)
