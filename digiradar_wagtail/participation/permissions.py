"""
The permission policy of every participation app's admin: each of its actions needs one Django
permission of the app (``digiradar_comments.moderate_comments``, ``digiradar_ratings.moderate_ratings``,
``digiradar_follow.view_follower_counts``); any other action (adding, deleting, ...) is never allowed.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

MODERATE = "moderate"
# What a moderator of comments or ideas does: view the queue, change an item's state, moderate.
MODERATION_ACTIONS = frozenset({"view", "change", MODERATE})


class OnePermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """
    Each of ``actions`` needs the permission ``codename`` of the model's app, nothing else is
    allowed; ``action`` is the one a menu item asks for, and the only one unless ``actions`` names
    more. Given to the constructor (``OnePermissionPolicy(Subscription, "view_counts",
    "view_follower_counts")``) or as the class attributes of an app's subclass.
    """

    action = None
    actions = None  # every allowed action; None: only ``action``
    codename = None

    def __init__(self, model, action=None, codename=None):
        super().__init__(model)
        if action is not None:
            self.action = action
        if codename is not None:
            self.codename = codename
        self.actions = frozenset(self.actions or {self.action})

    def user_has_permission(self, user, action):
        permission = f"{self.model._meta.app_label}.{self.codename}"
        return action in self.actions and user.is_active and user.has_perm(permission)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames([self.codename])

    def permission_rows(self):
        """The ``Permission`` row, as Wagtail's group editor offers it (and for finding its holders)."""
        app_label = self.model._meta.app_label
        return Permission.objects.filter(content_type__app_label=app_label, codename=self.codename)
