"""
What citizen contributions that a moderator approves share (comments, ideas): the four moderation
states, the weighing of reports, and the spam rules that hold a text for a moderator. Free of
models and of either sub-app.
"""

import re
from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ratelimit import client_hash, within_limit


class ModerationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


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
    return not within_limit(f"digiradar:{scope.replace('.', ':')}:{key}", window, limit)


class ReportReason(models.TextChoices):
    """Why a citizen reports a comment or an idea."""

    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insult, threat or discrimination")
    OFF_TOPIC = "off_topic", _("Off topic")
    PRIVACY = "privacy", _("Reveals personal data")
    OTHER = "other", _("Other")


class Report(models.Model):
    """
    A citizen's report of a contribution (a comment, an idea): one per person, with a reason.
    Each app's model adds the foreign key to what is reported and the one-per-person constraint.
    """

    # A keyed hash of the user id or client address: tells reporters apart, identifies nobody.
    reporter_key = models.CharField(max_length=64)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    # Set when a moderator has looked at the contribution again; resolved reports no longer count.
    resolved = models.BooleanField(default=False)

    REASON_CHOICES = ReportReason.choices

    class Meta:
        abstract = True
        verbose_name = _("report")
        verbose_name_plural = _("reports")


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
