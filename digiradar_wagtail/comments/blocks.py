"""
The comments block, and how it is drawn. The block is defined with the radar's participation
blocks (so a measure's StreamField is the same with or without this app); put it in any page's
StreamField: ``("comments", CommentsBlock())``.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..participation.blocks import CommentsBlock
from .display import discussion_context

__all__ = ["CommentsBlock", "render_comments_block"]

TEMPLATE = "digiradar_comments/comments_block.html"


def render_comments_block(block, value, parent_context):
    """The discussion of the page in ``parent_context``; registered in ``AppConfig.ready()``."""
    context = block.get_context(value, parent_context=parent_context)
    page, request = parent_context.get("page"), parent_context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        # Previews of the block alone (no page) show nothing to discuss.
        context["comments_unavailable"] = True
    else:
        context.update(discussion_context(request, page, block.is_open(value)))
    return mark_safe(render_to_string(TEMPLATE, context))  # autoescaped template
