"""
The participation blocks an editor places on a measure (or any page): what they store.

How they are drawn comes from the sub-app that provides them (``extensions.register_block_renderer``);
without it a block renders nothing. Their definitions live here, in the radar app, so that the
measure's StreamField and its migrations are the same whichever sub-apps a site installs.
"""

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .. import extensions
from .window import WindowMode, window_is_open


class RatingScale(TextChoices):
    STARS = "stars", _("1 to 5 stars")
    AGREE = "agree", _("Agree / disagree")


class ShowResults(TextChoices):
    ALWAYS = "always", _("Always")
    AFTER_VOTE = "after_vote", _("After one's own vote")
    AFTER_CLOSE = "after_close", _("After the rating has closed")


class ParticipationWindowBlock(blocks.StructBlock):
    """
    Base for blocks that open a page to participation: open, closed or between two dates.
    ``participation_key`` names the renderer registered by the app that draws the block.
    """

    participation_key = None

    mode = blocks.ChoiceBlock(choices=WindowMode.choices, default=WindowMode.OPEN, label=_("Participation"))
    opens_at = blocks.DateTimeBlock(required=False, label=_("Opens at"))
    closes_at = blocks.DateTimeBlock(required=False, label=_("Closes at"))

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["mode"] == WindowMode.SCHEDULED and not (value["opens_at"] or value["closes_at"]):
            errors["opens_at"] = ValidationError(_("Give an opening or a closing date, or both."))
        if value["opens_at"] and value["closes_at"] and value["closes_at"] <= value["opens_at"]:
            errors["closes_at"] = ValidationError(_("The closing date must be after the opening date."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def is_open(self, value, now=None):
        return window_is_open(value["mode"], value["opens_at"], value["closes_at"], now)

    def is_available(self):
        """Is the app that draws this block installed?"""
        return extensions.block_renderer(self.participation_key) is not None

    def render(self, value, context=None):
        renderer = extensions.block_renderer(self.participation_key)
        return renderer(self, value, context or {}) if renderer else ""

    def render_basic(self, value, context=None):
        return ""


class CommentsBlock(ParticipationWindowBlock):
    """A moderated discussion; one per page across all its translations (``digiradar_wagtail.comments``)."""

    participation_key = "comments"

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))

    class Meta:
        icon = "comment"
        label = _("Citizen comments")


class RatingBlock(ParticipationWindowBlock):
    """A rating question; one result per page across all its translations (``digiradar_wagtail.ratings``)."""

    participation_key = "ratings"

    question = blocks.CharBlock(
        max_length=200,
        default=_("How important is this measure to you?"),
        label=_("Question"),
    )
    scale = blocks.ChoiceBlock(choices=RatingScale.choices, default=RatingScale.STARS, label=_("Scale"))
    show_results = blocks.ChoiceBlock(
        choices=ShowResults.choices, default=ShowResults.ALWAYS, label=_("Show results")
    )

    class Meta:
        icon = "pick"
        label = _("Citizen rating")
