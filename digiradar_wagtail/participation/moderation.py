"""
What citizen contributions that a moderator approves share (comments, ideas): the four moderation
states, the weighing of reports, and the spam rules that hold a text for a moderator. Free of
models and of either sub-app.
"""

import re
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from .ratelimit import client_hash, count_event


class ModerationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


class ReportReason(models.TextChoices):
    """Why a citizen reports a comment or an idea."""

    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insult, threat or discrimination")
    OFF_TOPIC = "off_topic", _("Off topic")
    PRIVACY = "privacy", _("Reveals personal data")
    OTHER = "other", _("Other")


def reports_suffice(signed_in, anonymous, signed_in_threshold, anonymous_threshold):
    """
    Whether ``signed_in`` reports of logged-in users and ``anonymous`` ones together send a
    contribution back to moderation: each counts 1/``signed_in_threshold`` or
    1/``anonymous_threshold`` (0: never on their own), and together they must reach 1. Anonymous
    reports weigh less because anyone can send them from a few addresses.
    """
    weight = Fraction(0)
    for count, threshold in ((signed_in, signed_in_threshold), (anonymous, anonymous_threshold)):
        if threshold and threshold > 0:
            weight += Fraction(count, int(threshold))
    return weight >= 1


LINK_PATTERN = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def blocked_words(text, blocklist):
    """The ``blocklist`` words (case-insensitive, whole words) that occur in ``text``."""
    lowered = (text or "").lower()
    return [
        word for word in blocklist if word and re.search(r"\b" + re.escape(word.lower()) + r"\b", lowered)
    ]


def hold_reasons(text, blocklist):
    """Why a text must wait for a moderator even under post-moderation (empty: no reason)."""
    reasons = []
    if count_links(text):
        reasons.append("links")
    if blocked_words(text, blocklist):
        reasons.append("blocklist")
    return reasons


def normalise(text):
    """``text`` as duplicate detection compares it: whitespace folded, case ignored."""
    return " ".join((text or "").split()).casefold()


def hit_rate_limit(request, scope, limit, window):
    """
    Count one event of ``scope`` ("comments.post", "ideas.report", ...) for this client address;
    True once more than ``limit`` happened within ``window`` seconds. By address even when logged
    in: one person with several accounts still writes from one address.
    """
    key = client_hash(request, scope, address_only=True)
    return count_event(f"digiradar:{scope.replace('.', ':')}:{key}", window) > limit
