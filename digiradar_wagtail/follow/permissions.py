"""
The one permission of the follow app, ``digiradar_follow.view_follower_counts``: editors who have it
see how many follow each measure, radar and sector, never who.
"""

from ..participation.permissions import OnePermissionPolicy
from .models import Subscription

VIEW_COUNTS = "view_counts"

policy = OnePermissionPolicy(Subscription, VIEW_COUNTS, "view_follower_counts")
