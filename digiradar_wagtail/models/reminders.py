from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProgressReminder(models.Model):
    """
    When a contact mailbox was last reminded of its measures' stale progress
    (``digiradar_wagtail.freshness``): one row per mailbox, so a mailbox hears at most once in
    ``DIGIRADAR_STALE_REMINDER_DAYS`` however many of its measures go stale.
    """

    mailbox = models.EmailField(_("contact mailbox"), max_length=254, unique=True)
    reminded_at = models.DateTimeField(_("last reminded at"), default=timezone.now)

    class Meta:
        verbose_name = _("progress reminder")
        verbose_name_plural = _("progress reminders")

    def __str__(self):
        return self.mailbox
