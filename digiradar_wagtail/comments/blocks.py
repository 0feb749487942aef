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

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        page, request = parent_context.get("page"), parent_context.get("request")
        if page is None or request is None or not getattr(page, "pk", None):
            # Previews of the block alone (no page) show nothing to discuss.
            context["comments_unavailable"] = True
            return context
        from .display import discussion_context

        context.update(discussion_context(request, page, self.is_open(value)))
        return context
