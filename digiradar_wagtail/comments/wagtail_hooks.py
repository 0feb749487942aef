"""Wagtail admin integration: the moderation viewset, bulk actions, audit-log actions, dashboard."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from ..participation.admin import register_hooks
from .bulk_actions import ApproveBulkAction, HideBulkAction
from .models import Comment
from .moderation import LOG_ACTIONS, pending_summary
from .permissions import MODERATE
from .viewsets import comment_viewset

register_hooks(comment_viewset, [ApproveBulkAction, HideBulkAction], LOG_ACTIONS)


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
