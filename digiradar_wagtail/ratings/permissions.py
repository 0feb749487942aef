"""
The one permission of the ratings app, ``digiradar_ratings.moderate_ratings``, as a Wagtail
permission policy (registered for ``RatingTarget`` in ``AppConfig.ready()``).

The models have no add, change or delete permissions (nobody browses or edits raw rows); every
action of the ratings admin is the action ``moderate``.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import RatingTarget

MODERATE = "moderate"
APP_LABEL = "digiradar_ratings"
CODENAME = "moderate_ratings"


class RatingPermissionPolicy(BasePermissionPolicy):
    """``moderate`` needs ``digiradar_ratings.moderate_ratings``; no other action is allowed."""

    def user_has_permission(self, user, action):
        return action == MODERATE and user.has_perm(f"{APP_LABEL}.{CODENAME}")

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if MODERATE not in actions:
            return users.none()
        granted = Q(user_permissions__content_type__app_label=APP_LABEL, user_permissions__codename=CODENAME)
        via_group = Q(
            groups__permissions__content_type__app_label=APP_LABEL, groups__permissions__codename=CODENAME
        )
        return users.filter(Q(is_superuser=True) | granted | via_group).distinct()


policy = RatingPermissionPolicy(RatingTarget)
