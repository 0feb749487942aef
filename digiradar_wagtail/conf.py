"""
All settings of the plugin, with their defaults, in one place.

An installer overrides any of them in the project's settings with the prefix ``DIGIRADAR_``,
for example ``DIGIRADAR_HISTORY_MARKER_DAYS = 180``. Values are read on every access, so
``override_settings`` in tests and per-environment settings work as expected.
"""

from django.conf import settings as django_settings

PREFIX = "DIGIRADAR_"

DEFAULTS = {
    # Radar ------------------------------------------------------------------------------
    # The template that public radar and measure pages extend: the blocks ``content`` (required),
    # ``extra_css`` (in <head>) and ``extra_js`` (before </body>), as ``wagtail start`` writes them.
    "BASE_TEMPLATE": "digiradar_wagtail/base.html",
    # Measures whose first publication, or last change of ring, is younger than this are
    # marked "new" or "moved in/out" on the radar.
    "HISTORY_MARKER_DAYS": 90,
    # Seconds a rendered radar stays in the cache (it is also invalidated on every publish).
    "RADAR_CACHE_TIMEOUT": 60 * 60,
    # A filtered radar is cached only for filters that name existing parts and terms (never for a
    # free-text search), and one client (a keyed hash of its address or user) stores at most this
    # many filtered radars within the window; beyond that it is served uncached.
    "RADAR_CACHE_STORES_PER_CLIENT": 60,
    "RADAR_CACHE_STORE_WINDOW": 10 * 60,
    # Which Django cache the radar and the rate limits use: shared by all server processes in
    # production (Redis), or each process counts and caches on its own.
    "CACHE_ALIAS": "default",
    # The Wagtail search backend (a name in WAGTAILSEARCH_BACKENDS) for the radar's ``q`` and the
    # API's ``search``. On PostgreSQL, "digiradar_wagtail.search" searches each page in its language.
    "SEARCH_BACKEND": "default",
    # Largest spreadsheet the admin import and ``digiradar_import`` accept, in bytes.
    "IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    # Most rows an import reads below the header; empty rows count too.
    "IMPORT_MAX_ROWS": 5000,
    # An .xlsx is a zip archive: refuse one that unpacks to more than this many bytes, or one
    # of whose parts (larger than 1 MB unpacked) is packed more tightly than this ratio.
    "IMPORT_MAX_UNPACKED_BYTES": 50 * 1024 * 1024,
    "IMPORT_MAX_COMPRESSION_RATIO": 100,
    # Shared caches (Varnish, a CDN) -----------------------------------------------------------
    # Seconds a shared cache may keep the public pages (radar, measures, exports, feed) that an
    # anonymous visitor gets: their ``s-maxage`` (browsers revalidate: ``max-age=0``). Needs
    # ``digiradar_wagtail.public.shared_cache.SharedCacheMiddleware`` at the top of MIDDLEWARE;
    # 0 turns shared caching off (every page is rendered per visitor).
    "PUBLIC_CACHE_SECONDS": 10 * 60,
    # How many proxies in front of Django append the client's address to X-Forwarded-For
    # (Varnish alone: 1; a CDN and Varnish: 2). 0: the connection's address (REMOTE_ADDR) is the
    # client's. Rate limits and client hashes use the address found this way.
    "TRUSTED_PROXY_COUNT": 0,
    # Participation (comments and ratings) --------------------------------------------------
    # (The comment sub-app's settings are in digiradar_wagtail/comments/conf.py.)
    # The site's privacy page, linked from the consent checkbox of the comment form: one URL,
    # or one per language, e.g. {"de": "/de/datenschutz/", "en": "/en/privacy/"}.
    "PRIVACY_URL": "/datenschutz/",
    # Keeping measures current (digiradar_wagtail/freshness.py) -----------------------------------
    # A measure's progress is stale once its "progress as of" date is older than this many days
    # (or a progress figure has no date): flagged in the admin and on the public pages.
    "STALE_PROGRESS_DAYS": 180,
    # ``send_stale_reminders`` mails a contact mailbox about its stale measures at most once in
    # this many days.
    "STALE_REMINDER_DAYS": 30,
    # The weekly editors' digest (digiradar_wagtail/digests.py): a department with "weekly digest"
    # on hears at most once in this many days (``send_department_digests`` may run daily).
    "DEPARTMENT_DIGEST_DAYS": 7,
    # Mail (digiradar_wagtail/mail.py) ---------------------------------------------------------
    # Every mail of the plugin is sent by a task (Django's task framework, ``TASKS``). A mail the
    # mail server refuses is tried again by the worker up to this many times in all, waiting
    # MAIL_RETRY_SECONDS before the second try and twice as long before each further one; then the
    # task fails and what the mail was about stays marked unsent for the commands that send later.
    # A backend that cannot defer (the ImmediateBackend) tries once, inside the request.
    "MAIL_ATTEMPTS": 5,
    "MAIL_RETRY_SECONDS": 60,
    # The TASKS backend (alias) the mails are queued on: the worker's.
    "MAIL_TASK_BACKEND": "default",
}


KNOWN_SETTINGS = set(DEFAULTS)


class AppSettings:
    """
    Attribute access to one app's settings with their defaults: ``digiradar_settings.HISTORY_MARKER_DAYS``
    reads ``settings.DIGIRADAR_HISTORY_MARKER_DAYS``. Each app of the plugin makes one from its own
    ``DEFAULTS`` in its ``conf.py``; all share the prefix ``DIGIRADAR_``.
    """

    def __init__(self, defaults):
        self.defaults = defaults
        KNOWN_SETTINGS.update(defaults)

    def __getattr__(self, name):
        if name not in self.defaults:
            raise AttributeError(f"Unknown digiradar setting: {name}")
        return getattr(django_settings, PREFIX + name, self.defaults[name])


digiradar_settings = AppSettings(DEFAULTS)


def privacy_url(language=None):
    """The privacy page for ``language`` (default: the active one)."""
    from django.utils.translation import get_language

    url = digiradar_settings.PRIVACY_URL
    if isinstance(url, dict):
        language = (language or get_language() or "").split("-")[0]
        return url.get(language) or next(iter(url.values()), "")
    return url
