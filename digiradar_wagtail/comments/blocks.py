from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..participation import ParticipationWindowBlock


class CommentsBlock(ParticipationWindowBlock):
    """A moderated discussion; one per page across all its translations."""

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))

    class Meta:
        icon = "comment"
        label = _("Citizen comments")
        template = "digiradar_comments/comments_block.html"
