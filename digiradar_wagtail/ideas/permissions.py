"""
Who may moderate ideas: one permission, ``digiradar_ideas.moderate_ideas`` ("Can moderate
ideas"), shown in Wagtail's group editor (``IdeaViewSet.get_permissions_to_register``).

:class:`IdeaPermissionPolicy` is registered for :class:`~.models.Idea` in ``AppConfig.ready()``;
Wagtail's generic views, bulk actions, menu and URL finder ask it. A moderator may ``view`` the
list, ``change`` an idea (approve, hide, remove, answer, turn it into a measure) and ``moderate``.
Nobody adds or deletes ideas in the admin: citizens write them.
"""

from ..participation.permissions import MODERATE, MODERATION_ACTIONS, OnePermissionPolicy

APP_LABEL = "digiradar_ideas"
CODENAME = "moderate_ideas"
__all__ = ["MODERATE", "IdeaPermissionPolicy"]


class IdeaPermissionPolicy(OnePermissionPolicy):
    """Every moderation action needs ``moderate_ideas``; adding and deleting are never offered."""

    action = MODERATE
    actions = MODERATION_ACTIONS
    codename = CODENAME
