"""
The rating block, and how it is drawn. The block is defined with the radar's participation blocks
(so a measure's StreamField is the same with or without this app); put it in any page's
StreamField: ``("rating", RatingBlock())``.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..participation.blocks import (
    RESULTS_AFTER_CLOSE,
    RESULTS_AFTER_VOTE,
    RESULTS_ALWAYS,
    RESULTS_CHOICES,
    SCALE_AGREE,
    SCALE_CHOICES,
    SCALE_STARS,
    RatingBlock,
)

__all__ = [
    "RESULTS_AFTER_CLOSE",
    "RESULTS_AFTER_VOTE",
    "RESULTS_ALWAYS",
    "RESULTS_CHOICES",
    "SCALE_AGREE",
    "SCALE_CHOICES",
    "SCALE_STARS",
    "RatingBlock",
    "render_rating_block",
]

TEMPLATE = "digiradar_ratings/rating_block.html"


def render_rating_block(block, value, parent_context):
    """The rating as the visitor in ``parent_context`` sees it; registered in ``AppConfig.ready()``."""
    from .state import block_context  # state imports the models; blocks.py is imported by migrations

    context = block.get_context(value, parent_context=parent_context)
    context.update(block_context(value, parent_context.get("page"), parent_context.get("request")))
    return mark_safe(render_to_string(TEMPLATE, context))  # autoescaped template
