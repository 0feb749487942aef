"""
Spam and abuse guards that need no third party: rate limits in Django's cache, link counting,
a word blocklist and duplicate detection.

The client address only ever enters a keyed hash (``participation.ratelimit.client_hash``); it is
neither stored nor logged.
"""

import re

from ..participation.ratelimit import client_hash, count_event
from .conf import comments_settings

LINK_PATTERN = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)

# One purpose per use, so that no two hashes can be matched against each other.
REPORTER_PURPOSE = "comments.reporter"


def reporter_key(request):
    """Who reports (user, else address) as a keyed hash: one report per person and comment."""
    return client_hash(request, REPORTER_PURPOSE)


def hit_rate_limit(request, kind, limit):
    """
    Count one event of ``kind`` ("post", "report") for this client address; True once more than
    ``limit`` happened within ``DIGIRADAR_COMMENTS_RATE_WINDOW`` seconds. By address even when
    logged in: one person with several accounts still writes from one address.
    """
    key = client_hash(request, f"comments.{kind}", address_only=True)
    return count_event(f"digiradar:comments:{kind}:{key}", comments_settings.COMMENTS_RATE_WINDOW) > limit


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def blocked_words(text):
    """The blocklist words (case-insensitive, whole words) that occur in ``text``."""
    lowered = (text or "").lower()
    return [
        word
        for word in comments_settings.COMMENTS_BLOCKLIST
        if word and re.search(r"\b" + re.escape(word.lower()) + r"\b", lowered)
    ]


def hold_reasons(text):
    """Why a comment must wait for a moderator even under post-moderation (empty: no reason)."""
    reasons = []
    if count_links(text):
        reasons.append("links")
    if blocked_words(text):
        reasons.append("blocklist")
    return reasons


def normalise(text):
    return " ".join((text or "").split()).casefold()
