"""
The one permission of the follow app, ``digiradar_follow.view_follower_counts``: editors who have it
see how many follow each measure, radar and sector, never who.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from .models import Subscription

VIEW_COUNTS = "view_counts"
APP_LABEL = "digiradar_follow"
CODENAME = "view_follower_counts"


class FollowerCountsPolicy(BaseDjangoAuthPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == VIEW_COUNTS and user.has_perm(f"{APP_LABEL}.{CODENAME}")

    def users_with_any_permission(self, actions):
        if VIEW_COUNTS not in actions:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames([CODENAME])


policy = FollowerCountsPolicy(Subscription)
