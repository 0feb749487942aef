"""
The one permission of the ratings app, ``digiradar_ratings.moderate_ratings``, as a Wagtail
permission policy (registered for ``RatingTarget`` in ``AppConfig.ready()``).

The models have no add, change or delete permissions (nobody browses or edits raw rows); every
action of the ratings admin is the action ``moderate``.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from .models import RatingTarget

MODERATE = "moderate"
APP_LABEL = "digiradar_ratings"
CODENAME = "moderate_ratings"


class RatingPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """``moderate`` needs ``digiradar_ratings.moderate_ratings``; no other action is allowed."""

    def user_has_permission(self, user, action):
        return action == MODERATE and user.has_perm(f"{APP_LABEL}.{CODENAME}")

    def users_with_any_permission(self, actions):
        if MODERATE not in actions:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames([CODENAME])


policy = RatingPermissionPolicy(RatingTarget)
