"""
The rating sub-app's settings, with their defaults. Like the radar's (``digiradar_wagtail.conf``),
each is overridden with the prefix ``DIGIRADAR_``: ``DIGIRADAR_RATINGS_RATE_LIMIT = 60``.
``checks.py`` tells at ``manage.py check`` which values cannot work.
"""

from ..conf import AppSettings

DEFAULTS = {
    # Anonymous votes (with a random first-party cookie, set only when someone votes). False:
    # only logged-in users may rate.
    "RATINGS_ALLOW_ANONYMOUS": True,
    # Vote requests per client (a keyed hash of its user or address) within the window, in seconds.
    "RATINGS_RATE_LIMIT": 30,
    "RATINGS_RATE_WINDOW": 10 * 60,
    # New anonymous votes on one rating from one client address (a keyed hash, never the address):
    # at most this many within the window (seconds since the first). A vote counts as new when the
    # request carries no voter cookie with a vote on that rating (none, dropped, or made up), so
    # clearing the cookie and fetching a fresh form does not give another vote. Changing or
    # withdrawing one's vote with the cookie is never counted; logged-in voters are not counted.
    # Beyond the limit the vote is answered with 429. Raise it where many people share one
    # address (offices, schools, mobile carriers' NAT).
    "RATINGS_COOKIELESS_REVOTE_LIMIT": 2,
    "RATINGS_COOKIELESS_REVOTE_WINDOW": 60 * 60,
    # The anonymous voter's cookie: its name and how long it lasts, in seconds.
    "RATINGS_COOKIE_NAME": "digiradar_voter",
    "RATINGS_COOKIE_MAX_AGE": 365 * 24 * 60 * 60,
    # Seconds a rating form stays valid; each form can be sent once.
    "RATINGS_FORM_MAX_AGE": 24 * 60 * 60,
    # Seconds a shared cache may keep a page that shows public vote results (the page's own
    # s-maxage is shortened to this). The page's script fetches fresh results anyway.
    "RATINGS_RESULTS_CACHE_SECONDS": 60,
    # The ratings report flags a measure with more votes than this within one hour.
    "RATINGS_BURST_PER_HOUR": 100,
}

ratings_settings = AppSettings(DEFAULTS)
