"""
Who may moderate comments: one permission, ``digiradar_comments.moderate_comments`` ("Can moderate
comments", given to the group "Comment moderators" by migration 0002).

:class:`CommentPermissionPolicy` is registered for :class:`~.models.Comment` in
``AppConfig.ready()``; Wagtail's generic views, bulk actions, menu and URL finder ask it. It maps
Wagtail's actions onto that one permission: a moderator may ``view`` the queue, ``change`` a
comment's state (approve, hide, remove, reply) and ``moderate``. Nobody adds or deletes comments in
the admin: citizens write them, and a removed comment keeps its place in the thread.
"""

from ..participation.permissions import MODERATE, MODERATION_ACTIONS, OnePermissionPolicy

APP_LABEL = "digiradar_comments"
CODENAME = "moderate_comments"
PERMISSION = f"{APP_LABEL}.{CODENAME}"
__all__ = ["MODERATE", "MODERATION_ACTIONS", "CommentPermissionPolicy", "moderate_permission"]


def moderate_permission():
    """The ``Permission`` row (for the group editor and for finding moderators)."""
    from .models import Comment

    return CommentPermissionPolicy(Comment).permission_rows()


class CommentPermissionPolicy(OnePermissionPolicy):
    """Every moderation action needs ``moderate_comments``; adding and deleting are never offered."""

    action = MODERATE
    actions = MODERATION_ACTIONS
    codename = CODENAME
