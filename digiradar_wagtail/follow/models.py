"""
Who follows what, and what they have not yet been told.

A :class:`Subscription` names its subject generically (content type + object id), so that a
measure, a radar, one sector of a radar or another app's object (an idea) can be followed without
this app knowing its model. It holds either a user (logged in: no address stored, the account's
is used) or an email address (double opt-in); unsubscribing deletes the row and so the address.

A :class:`Change` is one thing worth telling (what the city wrote, in the subject's language);
a :class:`Notification` ties it to one follower until the mail that tells it went out.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..participation.signed_links import new_nonce
from .conf import follow_settings


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one mail per change")
    WEEKLY = "weekly", _("Once a week, one mail with all changes")


def person_key(email, user_id):
    """One person's key: their address, or (logged-in followers keep none) their account."""
    return email or f"user:{user_id}"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired(self):
        """Unconfirmed follows whose confirmation link no longer works."""
        limit = timezone.now() - datetime.timedelta(days=follow_settings.FOLLOW_CONFIRM_DAYS)
        return self.filter(confirmed_at__isnull=True, created_at__lt=limit)

    def of(self, content_type, object_id):
        return self.filter(content_type=content_type, object_id=str(object_id))

    def of_person(self, subscription):
        """Every follow of the person who holds ``subscription``: the same account, or address."""
        if subscription.user_id:
            return self.filter(user_id=subscription.user_id)
        return self.filter(email=subscription.email, user__isnull=True)


class Subscription(models.Model):
    """One follower of one subject: a user, or an email address confirmed by a link."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=12)
    frequency = models.CharField(
        _("how often"), max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # The signed links (confirm, unsubscribe) carry the row's id and this random value.
    nonce = models.CharField(max_length=64, default=new_nonce, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # When the last weekly digest was queued to this follower.
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        # Editors see how many follow what, never who: the only permission of this app.
        default_permissions = ()
        permissions = [("view_follower_counts", _("Can see follower counts"))]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        indexes = [models.Index(fields=["content_type", "object_id"], name="digiradar_follow_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "email"],
                condition=~Q(email=""),
                name="digiradar_follow_one_per_address",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                condition=Q(user__isnull=False),
                name="digiradar_follow_one_per_user",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=True) & ~Q(email="")) | (Q(user__isnull=False) & Q(email="")),
                name="digiradar_follow_user_or_address",
            ),
        ]

    def __str__(self):
        return f"#{self.pk}"

    @property
    def is_expired(self):
        limit = timezone.now() - datetime.timedelta(days=follow_settings.FOLLOW_CONFIRM_DAYS)
        return self.confirmed_at is None and self.created_at < limit

    @property
    def person(self):
        """Who follows: the same key for every follow of one address, or of one account."""
        return person_key(self.email, self.user_id)

    @property
    def address(self):
        """Where mails go: the stored address, or the logged-in follower's account address."""
        return self.email or (self.user.email if self.user_id and self.user else "")


class Change(models.Model):
    """
    Something a subject's followers are told: its ring, progress or delivery status changed, the
    city replied, it is new in a radar. Title, summary and URL are the city's, in the subject's
    language; no citizen's words ever get here.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=16)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("change told to followers")
        verbose_name_plural = _("changes told to followers")
        default_permissions = ()  # no admin edits these rows

    def __str__(self):
        return f"{self.kind}: {self.title}"


class Notification(models.Model):
    """A change one follower has not yet been told; deleted once the mail that tells it went out."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notifications")
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="notifications")
    # When the mail was handed to the queue (a rerun of the digest skips it for a day).
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["subscription", "change"], name="digiradar_follow_once")
        ]
