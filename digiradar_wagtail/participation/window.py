"""
When citizens may take part: a window that comment and rating blocks share.

Kept free of models so that the comments and ratings sub-apps work without the radar app.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

OPEN = "open"
CLOSED = "closed"
SCHEDULED = "scheduled"

MODE_CHOICES = [
    (OPEN, _("Open")),
    (CLOSED, _("Closed")),
    (SCHEDULED, _("Open between two dates")),
]


def window_is_open(mode, opens_at=None, closes_at=None, now=None):
    """Is the window open at ``now``? ``opens_at``/``closes_at`` only count for SCHEDULED."""
    if mode == OPEN:
        return True
    if mode != SCHEDULED:
        return False
    now = now or timezone.now()
    if opens_at and now < opens_at:
        return False
    if closes_at and now >= closes_at:
        return False
    return True


def window_has_closed(mode, closes_at=None, now=None):
    """True once a window has ended for good (closed, or scheduled and past its end)."""
    if mode == CLOSED:
        return True
    return mode == SCHEDULED and closes_at is not None and (now or timezone.now()) >= closes_at


class ParticipationWindowBlock(blocks.StructBlock):
    """Base for blocks that open a page to participation: open, closed or between two dates."""

    mode = blocks.ChoiceBlock(choices=MODE_CHOICES, default=OPEN, label=_("Participation"))
    opens_at = blocks.DateTimeBlock(required=False, label=_("Opens at"))
    closes_at = blocks.DateTimeBlock(required=False, label=_("Closes at"))

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["mode"] == SCHEDULED and not (value["opens_at"] or value["closes_at"]):
            errors["opens_at"] = ValidationError(_("Give an opening or a closing date, or both."))
        if value["opens_at"] and value["closes_at"] and value["closes_at"] <= value["opens_at"]:
            errors["closes_at"] = ValidationError(_("The closing date must be after the opening date."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def is_open(self, value, now=None):
        return window_is_open(value["mode"], value["opens_at"], value["closes_at"], now)
