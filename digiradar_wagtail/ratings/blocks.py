from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..participation import ParticipationWindowBlock

SCALE_STARS = "stars"
SCALE_AGREE = "agree"
SCALE_CHOICES = [
    (SCALE_STARS, _("1 to 5 stars")),
    (SCALE_AGREE, _("Agree / disagree")),
]

RESULTS_ALWAYS = "always"
RESULTS_AFTER_VOTE = "after_vote"
RESULTS_AFTER_CLOSE = "after_close"
RESULTS_CHOICES = [
    (RESULTS_ALWAYS, _("Always")),
    (RESULTS_AFTER_VOTE, _("After one's own vote")),
    (RESULTS_AFTER_CLOSE, _("After the rating has closed")),
]


class RatingBlock(ParticipationWindowBlock):
    """A rating question; one result per page across all its translations."""

    question = blocks.CharBlock(
        max_length=200,
        default=_("How important is this measure to you?"),
        label=_("Question"),
    )
    scale = blocks.ChoiceBlock(choices=SCALE_CHOICES, default=SCALE_STARS, label=_("Scale"))
    show_results = blocks.ChoiceBlock(
        choices=RESULTS_CHOICES, default=RESULTS_ALWAYS, label=_("Show results")
    )

    class Meta:
        icon = "pick"
        label = _("Citizen rating")
        template = "digiradar_ratings/rating_block.html"

    def get_context(self, value, parent_context=None):
        from .state import block_context  # models are not ready when blocks are imported

        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        context.update(block_context(value, parent_context.get("page"), parent_context.get("request")))
        return context
