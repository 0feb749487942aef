"""
The one permission of the ratings app, ``digiradar_ratings.moderate_ratings``, as a Wagtail
permission policy (registered for ``RatingTarget`` in ``AppConfig.ready()``).

The models have no add, change or delete permissions (nobody browses or edits raw rows); every
action of the ratings admin is the action ``moderate``.
"""

from ..participation.permissions import OnePermissionPolicy
from .models import RatingTarget

MODERATE = "moderate"

policy = OnePermissionPolicy(RatingTarget, MODERATE, "moderate_ratings")
