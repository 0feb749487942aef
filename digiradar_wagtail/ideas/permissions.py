"""
Who may moderate ideas: one permission, ``digiradar_ideas.moderate_ideas`` ("Can moderate
ideas"), shown in Wagtail's group editor (``IdeaViewSet.get_permissions_to_register``).

:class:`IdeaPermissionPolicy` is registered for :class:`~.models.Idea` in ``AppConfig.ready()``;
Wagtail's generic views, bulk actions, menu and URL finder ask it. A moderator may ``view`` the
list, ``change`` an idea (approve, hide, remove, answer, turn it into a measure) and ``moderate``.
Nobody adds or deletes ideas in the admin: citizens write them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

APP_LABEL = "digiradar_ideas"
CODENAME = "moderate_ideas"
PERMISSION = f"{APP_LABEL}.{CODENAME}"
MODERATE = "moderate"
MODERATION_ACTIONS = frozenset({"view", "change", MODERATE})


def moderate_permission():
    return Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)


class IdeaPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Every moderation action needs ``moderate_ideas``; adding and deleting are never offered."""

    def user_has_permission(self, user, action):
        return action in MODERATION_ACTIONS and user.is_active and user.has_perm(PERMISSION)

    def users_with_any_permission(self, actions):
        if not MODERATION_ACTIONS.intersection(actions):
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames([CODENAME])
