"""
Spam and abuse guards that need no third party: rate limits in Django's cache, link counting,
a word blocklist and duplicate detection.

The client address only ever enters a keyed hash; it is neither stored nor logged.
"""

import re

from django.utils.crypto import salted_hmac

from ..conf import digiradar_settings
from ..participation.ratelimit import count_event

LINK_PATTERN = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def client_key(request):
    """A stable, keyed hash of who is asking: the user id if logged in, else the client address."""
    if request.user.is_authenticated:
        value = f"user:{request.user.pk}"
    else:
        value = "addr:" + request.META.get("REMOTE_ADDR", "")
    return salted_hmac("digiradar_comments.client", value).hexdigest()[:40]


def address_key(request):
    """A keyed hash of the client address alone (a logged-in spammer still shares one address)."""
    return salted_hmac("digiradar_comments.address", request.META.get("REMOTE_ADDR", "")).hexdigest()[:40]


def hit_rate_limit(request, kind, limit, window):
    """Count one event of ``kind`` for this client; True once more than ``limit`` happened in ``window``."""
    return count_event(f"digiradar:comments:{kind}:{address_key(request)}", window) > limit


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def blocked_words(text):
    """The blocklist words (case-insensitive, whole words) that occur in ``text``."""
    lowered = (text or "").lower()
    found = []
    for word in digiradar_settings.COMMENTS_BLOCKLIST:
        if word and re.search(r"\b" + re.escape(word.lower()) + r"\b", lowered):
            found.append(word)
    return found


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
