"""When citizens may take part: open, closed, or between two dates. Pure logic, no models."""

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WindowMode(TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    SCHEDULED = "scheduled", _("Open between two dates")


def window_is_open(mode, opens_at=None, closes_at=None, now=None):
    """Is the window open at ``now``? ``opens_at``/``closes_at`` only count for SCHEDULED."""
    if mode == WindowMode.OPEN:
        return True
    if mode != WindowMode.SCHEDULED:
        return False
    now = now or timezone.now()
    if opens_at and now < opens_at:
        return False
    if closes_at and now >= closes_at:
        return False
    return True


def window_has_closed(mode, closes_at=None, now=None):
    """True once a window has ended for good (closed, or scheduled and past its end)."""
    if mode == WindowMode.CLOSED:
        return True
    return mode == WindowMode.SCHEDULED and closes_at is not None and (now or timezone.now()) >= closes_at
