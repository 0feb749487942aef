"""
Who may moderate comments: one permission, ``digiradar_comments.moderate_comments`` ("Can moderate
comments", given to the group "Comment moderators" by migration 0002).

:class:`CommentPermissionPolicy` is registered for :class:`~.models.Comment` in
``AppConfig.ready()``; Wagtail's generic views, bulk actions, menu and URL finder ask it. It maps
Wagtail's actions onto that one permission: a moderator may ``view`` the queue, ``change`` a
comment's state (approve, hide, remove, reply) and ``moderate``. Nobody adds or deletes comments in
the admin: citizens write them, and a removed comment keeps its place in the thread.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

APP_LABEL = "digiradar_comments"
CODENAME = "moderate_comments"
PERMISSION = f"{APP_LABEL}.{CODENAME}"
MODERATE = "moderate"
MODERATION_ACTIONS = frozenset({"view", "change", MODERATE})


def moderate_permission():
    """The ``Permission`` row (for the group editor and for finding moderators)."""
    return Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)


class CommentPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Every moderation action needs ``moderate_comments``; adding and deleting are never offered."""

    def user_has_permission(self, user, action):
        return action in MODERATION_ACTIONS and user.is_active and user.has_perm(PERMISSION)

    def users_with_any_permission(self, actions):
        if not MODERATION_ACTIONS.intersection(actions):
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames([CODENAME])
