"""
The rating block, for a page's StreamField: ``("rating", RatingBlock())``.

It is defined with the radar's participation blocks (``digiradar_wagtail.participation.blocks``),
so that a measure's StreamField and its migrations are the same with or without this app; this
module is where a site imports it from. How it is drawn is in :mod:`.presenter`.
"""

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
]
