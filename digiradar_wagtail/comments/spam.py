"""
Spam and abuse guards that need no third party: rate limits in Django's cache, link counting,
a word blocklist and duplicate detection.

The client address only ever enters a keyed hash (``participation.ratelimit.client_hash``); it is
neither stored nor logged.
"""

from ..participation import moderation as shared
from ..participation.ratelimit import client_hash
from .conf import comments_settings

# One purpose per use, so that no two hashes can be matched against each other.
REPORTER_PURPOSE = "comments.reporter"
count_links = shared.count_links
normalise = shared.normalise


def reporter_key(request):
    """Who reports (user, else address) as a keyed hash: one report per person and comment."""
    return client_hash(request, REPORTER_PURPOSE)


def hit_rate_limit(request, kind, limit):
    """
    Count one event of ``kind`` ("post", "report") for this client address; True once more than
    ``limit`` happened within ``DIGIRADAR_COMMENTS_RATE_WINDOW`` seconds.
    """
    return shared.hit_rate_limit(request, f"comments.{kind}", limit, comments_settings.COMMENTS_RATE_WINDOW)


def blocked_words(text):
    return shared.blocked_words(text, comments_settings.COMMENTS_BLOCKLIST)


def hold_reasons(text):
    """Why a comment must wait for a moderator even under post-moderation (empty: no reason)."""
    return shared.hold_reasons(text, comments_settings.COMMENTS_BLOCKLIST)
