"""
The rating block, for a page's StreamField: ``("rating", RatingBlock())``.

It is defined with the radar's participation blocks (``digiradar_wagtail.participation.blocks``),
so that a measure's StreamField and its migrations are the same with or without this app; this
module is where a site imports it from. How it is drawn is in :mod:`.presenter`.
"""

from ..participation.blocks import RatingBlock, RatingScale, ShowResults

__all__ = ["RatingBlock", "RatingScale", "ShowResults"]
