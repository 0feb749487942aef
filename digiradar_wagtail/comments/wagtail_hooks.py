"""Wagtail admin integration: the moderation viewset, bulk actions, audit-log actions, dashboard."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.permissions import policy_registry

from .bulk_actions import ApproveBulkAction, HideBulkAction
from .models import Comment
from .moderation import LOG_ACTIONS, pending_summary
from .permissions import MODERATE
from .viewsets import comment_viewset


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return comment_viewset


hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", HideBulkAction)


class CommentLogFormatter(LogFormatter):
    """An audit-log line of a comment, with the moderator's reason where there is one."""

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        return f"{self.message}: {reason}" if reason else str(self.message)


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        formatter = type("CommentLogFormatter", (CommentLogFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)


class PendingCommentsPanel(Component):
    """Dashboard panel: how many comments wait, and for how long the oldest has waited."""

    name = "digiradar_pending_comments"
    template_name = "digiradar_comments/admin/dashboard_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        count, age, oldest = pending_summary()
        return {
            "count": count,
            "oldest": oldest,
            "age": age,
            "queue_url": reverse("digiradar_comments_admin:index"),
        }


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if policy_registry.get_by_type(Comment).user_has_permission(request.user, MODERATE):
        panels.append(PendingCommentsPanel())
